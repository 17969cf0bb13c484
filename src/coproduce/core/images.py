"""Uploaded pictures: checked, made a sensible size, and re-saved without their metadata.

A phone photo carries where and when it was taken (EXIF); re-encoding the pixels drops all
of that, and also defeats files that only pretend to be images. Only JPEG, PNG and WebP are
taken; the stored copy is JPEG (or PNG when the picture has transparency).
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger is refused before it is decoded (a "decompression bomb")
LONGEST_SIDE = 1600
FORMATS = {"JPEG", "PNG", "WEBP"}


def clean_picture(upload: UploadedFile, field: str = "image") -> ContentFile:
    """Return the picture re-saved, or raise ValidationError on ``field`` saying what to fix."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            {field: _("The picture is larger than 5 MB; please send a smaller one.")}
        )
    try:
        with Image.open(upload) as picture:
            if picture.format not in FORMATS:
                raise ValidationError({field: _("Send a JPEG, PNG or WebP picture.")})
            if picture.width * picture.height > MAX_PIXELS:
                raise ValidationError(
                    {field: _("The picture has too many pixels; please resize it.")}
                )
            picture.load()
            upright = ImageOps.exif_transpose(picture)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            {field: _("That file is not a picture we can read (JPEG, PNG or WebP).")}
        ) from None
    upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    transparent = upright.mode in ("RGBA", "LA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    out = io.BytesIO()
    if transparent:
        upright.convert("RGBA").save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        upright.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(out.getvalue(), name=f"picture.{extension}")
