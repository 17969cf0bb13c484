"""A confirmed session is the supporter's time in the record, written by whoever confirmed
it, traced back to the session; a supporter who has left cannot be credited."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from coproduce.initiatives import services as initiatives
from coproduce.peersupport import selectors, services
from coproduce.peersupport.models import Match, Session
from coproduce.peersupport.tests.test_peersupport import circle  # noqa: F401  (fixture)
from coproduce.record.models import Contribution
from coproduce.record.selectors import record_totals
from coproduce.record.tests.unlisted import assert_listed_to_contributor_alone


def _session(circle: dict[str, Any], minutes: int = 45) -> tuple[Match, Session]:  # noqa: F811
    world = circle["world"]
    request = services.support_ask(
        actor=circle["mum"], initiative=world.initiative, need="breastfeeding", language="Polish"
    )
    match = services.match_make(
        actor=world.coordinator,
        request=request,
        supporter=selectors.suggestions(request)[0].supporter,
    )
    session = services.session_log(
        actor=match.supporter.person, match=match, held_on=timezone.localdate(), minutes=minutes
    )
    return match, session


def test_the_person_supported_confirms_and_is_recorded_as_who_wrote_it(
    circle: dict[str, Any],  # noqa: F811
) -> None:
    _, session = _session(circle)
    confirmed = services.session_confirm(actor=circle["mum"], session=session)
    entry = Contribution.objects.get(kind="time")
    assert Contribution.objects.values_list(
        "contributor__username",
        "recorded_by__username",
        "side",
        "quantity",
        "unit",
        "paid",
        "stage__kind",
        "description",
        "source_type__app_label",
        "source_type__model",
        "source_id",
    ).get() == (
        "ada",
        "mum",
        "citizen",
        45,
        "minutes",
        False,
        "co_performing",
        "Peer support session",
        "peersupport",
        "session",
        session.pk,
    )
    assert entry.source == session
    assert confirmed.contribution == entry


def test_a_supporter_who_left_is_refused_with_a_reason_and_nothing_is_kept(
    circle: dict[str, Any],  # noqa: F811
) -> None:
    match, session = _session(circle, minutes=30)
    initiatives.membership_leave(
        actor=match.supporter.person, initiative=circle["world"].initiative
    )
    with pytest.raises(ValidationError) as refused:
        services.session_confirm(actor=circle["mum"], session=session)
    assert refused.value.message_dict == {"session": [services.SUPPORTER_GONE]}
    api = APIClient()
    api.force_authenticate(circle["mum"])
    slug = circle["world"].initiative.slug
    answer = api.post(f"/api/v1/initiatives/{slug}/peer-sessions/{session.pk}/confirm/")
    assert (answer.status_code, answer.json()) == (400, {"session": [services.SUPPORTER_GONE]})
    session.refresh_from_db()
    assert (session.confirmed_by, session.contribution) == (None, None)
    assert not Contribution.objects.exists()


def test_a_session_is_listed_to_the_supporter_alone_and_says_nothing_of_the_need(
    circle: dict[str, Any],  # noqa: F811
    client: Any,
) -> None:
    """The person supported is who confirms, so the entry would tell every reader of the
    record who was supported; others see the supporter's time in the totals only."""
    _, session = _session(circle)
    services.session_confirm(actor=circle["mum"], session=session)
    entry = Contribution.objects.get(kind="time")
    world = circle["world"]
    others = [None, circle["mum"], circle["bea"], world.coordinator, world.staff]
    assert_listed_to_contributor_alone(entry, others, "Peer support")
    page = client.get(f"/initiatives/{world.initiative.slug}/record/").content.decode()
    assert "breastfeeding" not in page
    minutes = {row.key: row.minutes for row in record_totals(world.initiative)["stage"]}
    assert minutes["co_performing"] == 45
