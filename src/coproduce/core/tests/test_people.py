"""Picking a person by name (core.people): a list when few, a search field when many, and
what the server answers for a name it cannot place."""

from typing import Any

import pytest
from django import forms
from django.test import Client

from conftest import World, add_member, make_user
from coproduce.core import people
from coproduce.core.people import PersonField
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.selectors import active_people


class PickForm(forms.Form):
    person = PersonField(label="Member")


def _form(world: World, data: dict[str, Any] | None = None) -> PickForm:
    form = PickForm(data)
    offer_members(form.fields["person"], world.initiative)
    return form


def _many(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two Sam Joneses in different places, and a list too long to show: a search field."""
    monkeypatch.setattr(people, "FEW", 2)
    for username, place in (("sam1", "Cardiff"), ("sam2", "Newport")):
        add_member(world.initiative, make_user(username, display_name="Sam Jones", locality=place))


def test_a_few_members_are_a_list_of_names_with_no_username(world: World) -> None:
    form = _form(world)
    widget = form.fields["person"].widget
    assert widget.choices == [
        (str(world.coordinator.pk), "Cora Coordinator"),
        (str(world.member.pk), "Mo Member"),
    ]
    html = str(form["person"])
    assert "<select" in html and "coord" not in html.replace("Coordinator", "")
    assert '<option value="">Choose a person</option>' in html


def test_a_member_is_picked_from_the_list_or_by_name(world: World) -> None:
    by_list = _form(world, {"person": str(world.member.pk)})
    by_name = _form(world, {"person": "  mo member "})
    assert by_list.is_valid() and by_name.is_valid()
    assert by_list.cleaned_data["person"] == by_name.cleaned_data["person"] == world.member


def test_someone_outside_the_initiative_cannot_be_picked_by_id_or_name(world: World) -> None:
    make_user("hidden", display_name="Hidden Name")
    hidden = active_people(world.other).model.objects.get(username="hidden")
    by_id = _form(world, {"person": str(hidden.pk)})
    by_name = _form(world, {"person": "Hidden Name"})
    by_username = _form(world, {"person": "member"})
    assert by_id.errors == {"person": ["Pick a person from the list or type their name."]}
    assert by_name.errors == {
        "person": [
            "No member of this initiative is called “Hidden Name”. "
            "Pick a person from the list or type their name."
        ]
    }
    assert by_username.errors == {
        "person": ["No member of this initiative is called “member”. Did you mean Mo Member?"]
    }
    assert _form(world, {"person": ""}).errors == {
        "person": ["Pick a person from the list or type their name."]
    }


def test_many_members_are_a_search_field_with_suggestions(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many(world, monkeypatch)
    form = _form(world)
    widget = form.fields["person"].widget
    assert widget.choices == []
    assert widget.suggestions == [
        "Cora Coordinator",
        "Mo Member",
        "Sam Jones (1)",
        "Sam Jones (2)",
    ]
    html = str(form["person"])
    slug = world.initiative.slug
    assert f'data-people-url="/initiatives/{slug}/people/"' in html
    assert 'list="id_person-people"' in html and '<datalist id="id_person-people">' in html
    assert "Cardiff" not in html and "Newport" not in html  # a profile's place is not a label
    assert '<option value="Sam Jones (2)"></option>' in html


def test_a_shared_name_asks_which_one_and_its_number_settles_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many(world, monkeypatch)
    shared = _form(world, {"person": "Sam Jones"})
    assert shared.errors == {
        "person": ["2 people are called Sam Jones: pick one of Sam Jones (1), Sam Jones (2)."]
    }
    second = _form(world, {"person": "sam jones (2)"})
    assert second.is_valid()
    assert second.cleaned_data["person"].username == "sam2"
    # a guessed place is no label: the field confirms no one's locality
    guessed = _form(world, {"person": "Sam Jones (Newport)"})
    assert not guessed.is_valid()
    assert str(guessed.errors["person"][0]).startswith(
        "No member of this initiative is called “Sam Jones (Newport)”."
    )
    part = _form(world, {"person": "Sam J"})
    assert part.errors == {
        "person": [
            "No member of this initiative is called “Sam J”. "
            "Did you mean Sam Jones (1) or Sam Jones (2)?"
        ]
    }


def test_a_shared_name_in_one_place_is_told_apart_by_a_number(world: World) -> None:
    for username in ("ann1", "ann2"):
        add_member(world.initiative, make_user(username, display_name="Ann Lee"))
    assert list(people.labels_of(active_people(world.initiative).order_by("pk"))) == [
        "Cora Coordinator",
        "Mo Member",
        "Ann Lee (1)",
        "Ann Lee (2)",
    ]


def test_the_name_search_answers_members_only(world: World) -> None:
    url = f"/initiatives/{world.initiative.slug}/people/"
    member = Client()
    member.force_login(world.member)
    assert member.get(url, {"q": "cor"}).json() == {"people": ["Cora Coordinator"]}
    assert member.get(url, {"q": ""}).json() == {"people": ["Cora Coordinator", "Mo Member"]}
    assert member.get(url, {"q": "mo", "side": "regular_producer"}).json() == {"people": []}
    outsider = Client()
    outsider.force_login(world.other_coordinator)
    refused = outsider.get(url, {"q": "cor"})
    assert refused.status_code == 403
    assert "Cora" not in refused.content.decode()
    anonymous = Client().get(url, {"q": "cor"})
    assert anonymous.status_code == 302 and "Cora" not in anonymous.content.decode()
