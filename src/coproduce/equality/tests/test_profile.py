"""A person's equality profile: kept only with their explicit consent, theirs alone to see,
erased (the row deleted) when they withdraw."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client

from conftest import World
from coproduce.equality import services
from coproduce.equality.models import EqualityProfile
from coproduce.equality.services import CONSENT_NEEDED, NOT_AN_ANSWER

EMPTY = dict.fromkeys(
    ("age_band", "gender", "ethnic_group", "disability", "caring", "deprivation_band"), ""
)


def _answers(person: Any) -> dict[str, str]:
    profile = EqualityProfile.objects.get(user=person)
    return {key: getattr(profile, key) for key in EMPTY}


def test_answers_are_kept_with_consent_and_a_question_left_out_is_not_answered(
    world: World,
) -> None:
    services.equality_profile_save(
        actor=world.member, consent=True, gender="woman", deprivation_band="dont_know"
    )
    assert _answers(world.member) == EMPTY | {"gender": "woman", "deprivation_band": "dont_know"}
    services.equality_profile_save(actor=world.member, consent=True, caring="prefer_not_to_say")
    assert _answers(world.member) == EMPTY | {"caring": "prefer_not_to_say"}
    assert EqualityProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"consent": False, "gender": "woman"}, "consent", CONSENT_NEEDED),
        ({"gender": "woman"}, "consent", CONSENT_NEEDED),
        ({"consent": "yes", "gender": "woman"}, "consent", CONSENT_NEEDED),
        ({"consent": True, "gender": "female"}, "gender", NOT_AN_ANSWER),
        ({"consent": True, "age_band": "12_15"}, "age_band", NOT_AN_ANSWER),
        ({"consent": True, "deprivation_band": "6"}, "deprivation_band", NOT_AN_ANSWER),
        ({"consent": True, "religion": "none"}, "religion", "There is no such question."),
    ],
)
def test_no_consent_or_no_such_answer_keeps_nothing(
    world: World, given: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.equality_profile_save(actor=world.member, **given)
    assert refused.value.message_dict == {field: [message]}
    assert not EqualityProfile.objects.exists()


def test_someone_not_signed_in_keeps_no_profile(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.equality_profile_save(actor=AnonymousUser(), consent=True, gender="man")
    assert not EqualityProfile.objects.exists()


def test_withdrawing_deletes_the_row(world: World) -> None:
    services.equality_profile_save(actor=world.member, consent=True, disability="yes")
    services.equality_profile_save(actor=world.outsider, consent=True, disability="no")
    assert services.equality_profile_withdraw(actor=world.member) is True
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT user_id FROM {EqualityProfile._meta.db_table} ORDER BY user_id"  # noqa: S608
        )
        assert cursor.fetchall() == [(world.outsider.pk,)]
    assert services.equality_profile_withdraw(actor=world.member) is False


def test_the_page_keeps_answers_only_when_the_box_is_ticked(client: Client, world: World) -> None:
    client.force_login(world.member)
    page = client.post("/me/equality/", {"gender": "non_binary"})
    html = page.content.decode()
    assert page.status_code == 400
    assert '<a href="#id_consent">' in html
    assert "Tick the box to agree, or leave this page." in html
    assert not EqualityProfile.objects.exists()
    page = client.post("/me/equality/", {"gender": "non_binary", "consent": "on"})
    assert (page.status_code, page["Location"]) == (302, "/me/equality/")
    assert page.wsgi_request.sensitive_post_parameters == "__ALL__"  # type: ignore[attr-defined]
    assert _answers(world.member) == EMPTY | {"gender": "non_binary"}
    assert EqualityProfile.objects.get().consented_at is not None


def test_the_page_says_who_sees_what_and_is_never_cached(client: Client, world: World) -> None:
    client.force_login(world.member)
    page = client.get("/me/equality/")
    html = page.content.decode()
    assert "Nobody sees your answers but you" in html
    assert "in groups of 5 or more" in html
    assert html.count('value="prefer_not_to_say"') == 6
    assert "Withdraw and erase my answers" not in html  # nothing to withdraw yet
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]


def test_a_person_sees_their_own_answers_and_no_one_else_s(client: Client, world: World) -> None:
    services.equality_profile_save(actor=world.member, consent=True, ethnic_group="mixed")
    client.force_login(world.member)
    assert (
        'value="mixed" id="id_ethnic_group_2" checked'
        in client.get("/me/equality/").content.decode()
    )
    client.force_login(world.coordinator)
    html = client.get("/me/equality/").content.decode()
    assert "checked" not in html
    assert "You have not answered yet." in html


def test_withdrawing_asks_first_then_erases(client: Client, world: World) -> None:
    services.equality_profile_save(actor=world.member, consent=True, caring="yes")
    client.force_login(world.member)
    assert "Withdraw and erase my answers" in client.get("/me/equality/").content.decode()
    page = client.post("/me/equality/withdraw/")
    assert page.status_code == 200
    assert "Yes, erase my answers" in page.content.decode()
    assert EqualityProfile.objects.filter(user=world.member).exists()
    page = client.post("/me/equality/withdraw/", {"confirm": "yes"}, follow=True)
    assert not EqualityProfile.objects.exists()
    assert "Your answers are erased" in page.content.decode()


def test_the_account_page_links_to_equality_monitoring(client: Client, world: World) -> None:
    client.force_login(world.member)
    assert 'href="/me/equality/"' in client.get("/accounts/profile/").content.decode()
