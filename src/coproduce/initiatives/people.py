"""The initiative's members as the people a form may name (``core.people.PersonField``)."""

from typing import Any

from django.urls import reverse

from coproduce.core.people import PersonField
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import active_people


def offer_members(
    field: Any, initiative: Initiative, *, side: str | None = None, excluding: Any = None
) -> None:
    """Let ``field`` name the initiative's active members (of one side, if given; not
    ``excluding``, such as the person giving), with suggestions from the members-only
    search."""
    assert isinstance(field, PersonField)
    people = active_people(initiative, side=side)
    if excluding is not None:
        people = people.exclude(pk=excluding.pk)
    url = reverse("initiatives:people", kwargs={"slug": initiative.slug})
    field.offer(people, url + (f"?side={side}" if side else ""))
