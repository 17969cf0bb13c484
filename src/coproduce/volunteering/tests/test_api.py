"""Volunteering through the REST API."""

from rest_framework.test import APIClient

from coproduce.timecredits.models import Account
from coproduce.volunteering.tests.conftest import Rota


def test_sign_up_waiting_list_and_hours_through_the_api(api: APIClient, rota: Rota) -> None:
    base = f"/api/v1/initiatives/{rota.world.initiative.slug}/"
    first, second, third = rota.volunteers
    for person, expected in ((first, "confirmed"), (second, "confirmed"), (third, "waiting")):
        api.force_authenticate(person)
        answer = api.post(base + f"shifts/{rota.shift.pk}/sign-up/")
        assert (answer.status_code, answer.json()["status"]) == (201, expected)
    shifts = api.get(base + "shifts/").json()["results"]
    assert [(s["capacity"], s["taken"], s["waiting"]) for s in shifts] == [(2, 2, 1)]
    api.force_authenticate(second)
    mine = api.get(base + "sign-ups/").json()["results"]
    given_up = api.post(base + f"sign-ups/{mine[0]['id']}/withdraw/")
    assert given_up.json()["status"] == "withdrawn"
    api.force_authenticate(third)
    assert [s["status"] for s in api.get(base + "sign-ups/").json()["results"]] == ["confirmed"]

    logged = api.post(
        base + "hours/",
        {"opportunity": rota.opportunity.pk, "minutes": 90, "worked_on": "2026-11-01"},
        format="json",
    )
    assert (logged.status_code, logged.json()["status"]) == (201, "pending")
    assert (
        api.post(base + f"hours/{logged.json()['id']}/decide/", {"approve": True}).status_code
        == 403
    )
    api.force_authenticate(rota.world.coordinator)
    decided = api.post(
        base + f"hours/{logged.json()['id']}/decide/", {"approve": True}, format="json"
    )
    assert (decided.status_code, decided.json()["status"]) == (200, "approved")
    assert Account.objects.get(user=third).balance == 90


def test_the_person_served_confirms_hours_through_the_api(api: APIClient, rota: Rota) -> None:
    base = f"/api/v1/initiatives/{rota.world.initiative.slug}/hours/"
    helper, helped, bystander = rota.volunteers
    api.force_authenticate(helper)
    bad = api.post(
        base,
        {
            "opportunity": rota.opportunity.pk,
            "minutes": 60,
            "worked_on": "2026-11-01",
            "served": "outsider",
        },
        format="json",
    )
    assert (bad.status_code, bad.json()["served"]) == (
        400,
        ["No member of this initiative has that username."],
    )
    logged = api.post(
        base,
        {
            "opportunity": rota.opportunity.pk,
            "minutes": 60,
            "worked_on": "2026-11-01",
            "served": helped.username,
        },
        format="json",
    )
    assert (logged.status_code, logged.json()["served"]) == (201, helped.username)
    pk = logged.json()["id"]
    api.force_authenticate(bystander)
    assert api.post(base + f"{pk}/decide/", {"approve": True}, format="json").status_code == 404
    assert not Account.objects.exists()
    api.force_authenticate(helped)
    assert [h["id"] for h in api.get(base).json()["results"]] == [pk]
    decided = api.post(base + f"{pk}/decide/", {"approve": True}, format="json")
    assert (decided.status_code, decided.json()["status"]) == (200, "approved")
    assert Account.objects.get(user=helper).balance == 60
