"""Organisations: anyone signed in registers one; names are unique."""

from django.test import Client

from conftest import make_user
from coproduce.organisations.models import Organisation


def test_register_an_organisation(client: Client, db) -> None:
    client.force_login(make_user("officer"))
    data = {"name": "Friends of the Park", "kind": "community_group", "locality": "Leeds"}
    assert client.post("/organisations/new/", data).status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.kind, organisation.locality) == (
        "Friends of the Park",
        "community_group",
        "Leeds",
    )
    listing = client.get("/organisations/").content.decode()
    assert "Friends of the Park" in listing
    assert "Community group" in listing


def test_duplicate_and_bad_kind_are_refused(client: Client, db) -> None:
    Organisation.objects.create(name="Friends of the Park", kind="community_group")
    client.force_login(make_user("officer"))
    duplicate = client.post(
        "/organisations/new/", {"name": "friends of the park", "kind": "community_group"}
    )
    assert duplicate.status_code == 400
    assert "An organisation with that name is already registered." in duplicate.content.decode()
    bad = client.post("/organisations/new/", {"name": "X", "kind": "cartel"})
    assert bad.status_code == 400
    assert Organisation.objects.count() == 1


def test_anonymous_cannot_register(client: Client, db) -> None:
    response = client.post("/organisations/new/", {"name": "X", "kind": "funder"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
    assert Organisation.objects.count() == 0
