"""One-time codes for taking part without an account (a PB vote, a survey response): made
here, kept only as a hash, checked here. The apps keep their own code tables, each with a
unique ``code_hash`` column, and call these functions; no app makes or hashes codes itself."""

import hashlib
import secrets
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MOST_AT_ONCE = 10_000
T = TypeVar("T")
NOT_VALID = "That code is not valid or has already been used."


def code_hash(code: str) -> str:
    """What is kept of a code: its hash, whatever the case or spaces it is typed in."""
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def new_codes(count: object) -> list[str]:
    """``count`` fresh codes (like ``3F2A-91BC-07DE``), to show once and then forget; a
    count out of range is refused as ``count``."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MOST_AT_ONCE:
        raise ValidationError(
            {
                "count": _("Issue between 1 and %(most)s codes at a time.")
                % {"most": f"{MOST_AT_ONCE:,}"}
            }
        )
    return ["-".join(secrets.token_hex(2).upper() for _ in range(3)) for _ in range(count)]


def unused(found: T | None) -> T:
    """The code row found, unless there is none or it was used already: refused alike as
    ``code``, so a code cannot be probed."""
    if found is None or getattr(found, "used_at", None) is not None:
        raise ValidationError({"code": NOT_VALID})
    return found
