"""Proposal pictures: checked, stripped of metadata, described, and served through the gate."""

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coproduce.budgeting.models import Proposal
from coproduce.budgeting.tests.conftest import PB, make_pb
from coproduce.initiatives.models import Visibility

GPS_INFO = 0x8825
MAKE = 0x010F


def photo(width: int = 2400, height: int = 1200, name: str = "photo.jpg") -> SimpleUploadedFile:
    """A JPEG as a phone takes it: the camera's make and where it was taken."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneCo"
    exif[GPS_INFO] = {1: "N", 2: (51.0, 28.0, 40.0), 3: "W", 4: (0.0, 0.0, 5.0)}
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def proposal_data(pb: PB, **extra: Any) -> dict[str, Any]:
    return {
        "budget": pb.north.pk,
        "title": "Planters",
        "description": "Planters on the high street",
        "category": "",
        "estimated_cost": "250.00",
        **extra,
    }


def test_a_picture_is_resaved_smaller_without_where_it_was_taken(client, pb: PB) -> None:
    assert Image.open(photo()).getexif()[MAKE] == "PhoneCo"
    client.force_login(pb.world.member)
    response = client.post(
        f"/pb/{pb.process.pk}/propose/",
        proposal_data(pb, image=photo(), image_alt="Empty pavement by the station"),
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(title="Planters")
    assert proposal.image_alt == "Empty pavement by the station"
    served = client.get(f"/pb/proposals/{proposal.pk}/picture/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    picture = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert picture.size == (1600, 800)
    assert dict(picture.getexif()) == {}
    page = client.get(f"/pb/proposals/{proposal.pk}/").content.decode()
    assert f'src="/pb/proposals/{proposal.pk}/picture/" alt="Empty pavement by the station"' in page


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_kept(client, pb: PB) -> None:
    client.force_login(pb.world.member)
    before = Proposal.objects.count()
    fake = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(
        f"/pb/{pb.process.pk}/propose/", proposal_data(pb, image=fake, image_alt="A photo")
    )
    assert response.status_code == 400
    assert (
        "That file is not a picture we can read (JPEG, PNG or WebP)." in response.content.decode()
    )
    assert Proposal.objects.count() == before
    assert stored_files() == []


def test_a_picture_needs_words_for_people_who_cannot_see_it(client, pb: PB) -> None:
    client.force_login(pb.world.member)
    before = Proposal.objects.count()
    response = client.post(f"/pb/{pb.process.pk}/propose/", proposal_data(pb, image=photo()))
    assert response.status_code == 400
    assert "Say in a few words what the picture shows" in response.content.decode()
    assert Proposal.objects.count() == before
    assert stored_files() == []


def test_a_picture_over_5_mb_is_refused(client, pb: PB) -> None:
    client.force_login(pb.world.member)
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024), "image/png")
    response = client.post(
        f"/pb/{pb.process.pk}/propose/", proposal_data(pb, image=big, image_alt="Big")
    )
    assert response.status_code == 400
    assert "The picture is larger than 5 MB" in response.content.decode()
    assert stored_files() == []


def test_the_author_replaces_and_removes_the_picture_while_proposals_are_open(
    client, pb: PB, django_capture_on_commit_callbacks: Any
) -> None:
    benches = pb.proposals["benches"]
    edit = f"/pb/proposals/{benches.pk}/edit/"
    fields = {"title": "Benches", "description": "New benches", "estimated_cost": "300.00"}
    client.force_login(pb.world.coordinator)
    assert client.get(edit).status_code == 403  # only the author edits
    client.force_login(pb.world.member)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(edit, {**fields, "image": photo(), "image_alt": "Old"}).status_code == 302
        )
    first = stored_files()
    assert len(first) == 1
    with django_capture_on_commit_callbacks(execute=True):
        replaced = client.post(edit, {**fields, "image": photo(800, 600), "image_alt": "New"})
    assert replaced.status_code == 302
    second = stored_files()
    assert len(second) == 1 and second != first  # the replaced file is gone
    benches.refresh_from_db()
    assert benches.image_alt == "New"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, {**fields, "remove_image": "on"}).status_code == 302
    benches.refresh_from_db()
    assert (benches.image.name, benches.image_alt) == ("", "")
    assert stored_files() == []
    assert client.get(f"/pb/proposals/{benches.pk}/picture/").status_code == 404


def test_pictures_of_a_members_only_initiative_are_not_shown_to_others(client, world) -> None:
    world.initiative.visibility = Visibility.MEMBERS
    world.initiative.save()
    pb = make_pb(world)
    client.force_login(world.member)
    edit = f"/pb/proposals/{pb.proposals['benches'].pk}/edit/"
    fields = {"title": "Benches", "description": "New", "estimated_cost": "300.00"}
    assert client.post(edit, {**fields, "image": photo(), "image_alt": "Bench"}).status_code == 302
    url = f"/pb/proposals/{pb.proposals['benches'].pk}/picture/"
    assert client.get(url).status_code == 200
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_pictures_through_the_api(api, pb: PB) -> None:
    benches = pb.proposals["benches"]
    url = f"/api/v1/pb/proposals/{benches.pk}/picture/"
    api.force_authenticate(pb.world.coordinator)
    refused = api.post(url, {"image": photo(), "image_alt": "Bench"}, format="multipart")
    assert refused.status_code == 403
    assert stored_files() == []
    api.force_authenticate(pb.world.member)
    missing = api.post(url, {"image": photo()}, format="multipart")
    assert missing.status_code == 400
    assert "image_alt" in missing.json()
    sent = api.post(url, {"image": photo(), "image_alt": "Bench"}, format="multipart")
    assert sent.status_code == 200
    assert (sent.json()["picture"], sent.json()["image_alt"]) == (
        f"/pb/proposals/{benches.pk}/picture/",
        "Bench",
    )
    assert api.get(f"/api/v1/pb/proposals/{benches.pk}/").json()["picture"] == (
        f"/pb/proposals/{benches.pk}/picture/"
    )
    removed = api.delete(url)
    assert (removed.status_code, removed.json()["picture"]) == (200, None)
