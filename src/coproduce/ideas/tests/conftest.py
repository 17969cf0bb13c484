"""Ideas in the world's initiative, posted through the services."""

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import World, add_member, make_user
from coproduce.accounts.models import User
from coproduce.ideas import services
from coproduce.ideas.models import Idea


def post(world: World, author: User | None = None, title: str = "Bike racks", **extra: Any) -> Idea:
    fields: dict[str, Any] = {"text": "Racks by the shops.", "category": "places"}
    fields.update(extra)
    return services.idea_post(
        actor=author or world.member, initiative=world.initiative, title=title, **fields
    )


def members(world: World, count: int) -> list[User]:
    """``count`` more active members (citizens) of the world's initiative."""
    people = [make_user(f"m{i}", display_name=f"Member Number{i}") for i in range(count)]
    for person in people:
        add_member(world.initiative, person)
    return people


def text(response: Any) -> str:
    return response.content.decode()


def photo() -> SimpleUploadedFile:
    """A small JPEG, as a phone's camera would send one."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "grey").save(out, format="JPEG")
    return SimpleUploadedFile("bench.jpg", out.getvalue(), content_type="image/jpeg")
