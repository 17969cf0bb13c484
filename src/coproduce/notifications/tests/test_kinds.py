"""Each kind fires from the service where the thing happens, to exactly the people it
concerns, in the caller's transaction."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import World, add_member, make_user
from coproduce.budgeting import services as pb_services
from coproduce.budgeting.tests.conftest import PB, make_pb
from coproduce.core.vocabulary import Role, Side
from coproduce.exchanges import services as exchanges
from coproduce.ideas import services as ideas
from coproduce.ideas.tests.conftest import post
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Membership
from coproduce.notifications.kinds import Delivery, Kind
from coproduce.notifications.models import Notification
from coproduce.notifications.tests.conftest import forget, told
from coproduce.peersupport import selectors as peer_selectors
from coproduce.peersupport import services as peer
from coproduce.peersupport.tests.test_peersupport import circle  # noqa: F401
from coproduce.volunteering import services as volunteering
from coproduce.volunteering.emails import sign_up_email
from coproduce.volunteering.tests.conftest import Rota, rota  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_join_request_decided_tells_the_person_who_asked(world: World) -> None:
    asker, refused = make_user("asker"), make_user("refused")
    forget()
    for person, approve in ((asker, True), (refused, False)):
        membership = initiatives.membership_request(
            actor=person, initiative=world.initiative, side=Side.CITIZEN, role=Role.RESIDENT
        )
        initiatives.membership_decide(
            actor=world.coordinator, membership=membership, approve=approve
        )
    assert told("join_approved") == [
        ("asker", "Your request to join Riverside repairs was approved.")
    ]
    assert told("join_declined") == [
        ("refused", "Your request to join Riverside repairs was declined.")
    ]
    assert Notification.objects.count() == 2
    assert Notification.objects.get(recipient=asker).link == "/initiatives/riverside-repairs/"


def test_a_side_change_decided_tells_the_member(world: World) -> None:
    forget()
    initiatives.side_change_request(
        actor=world.member,
        initiative=world.initiative,
        side=Side.REGULAR_PRODUCER,
        role=Role.FRONTLINE_PROFESSIONAL,
    )
    membership = Membership.objects.get(initiative=world.initiative, user=world.member)
    initiatives.side_change_decide(actor=world.coordinator, membership=membership, approve=False)
    assert told("side_refused") == [
        ("member", "Your request to change your side in Riverside repairs was refused.")
    ]
    assert Notification.objects.count() == 1


def test_hours_decided_tell_the_volunteer_with_the_reason(rota: Rota) -> None:  # noqa: F811
    volunteer = rota.volunteers[0]
    log = volunteering.hours_log(
        actor=volunteer,
        opportunity=rota.opportunity,
        minutes=90,
        worked_on=datetime.date(2026, 11, 2),
    )
    forget()
    volunteering.hours_decide(
        actor=rota.world.coordinator, log=log, approve=False, reason="That day was a holiday."
    )
    assert told("hours_rejected") == [
        (
            "v0",
            "Your hours for Community shop counter, 02 Nov 2026 were not approved: "
            "That day was a holiday.",
        )
    ]
    assert Notification.objects.count() == 1


def test_a_support_request_matched_tells_the_requester_and_a_concern_its_professional(
    circle: dict[str, Any],  # noqa: F811
) -> None:
    world = circle["world"]
    request = peer.support_ask(
        actor=circle["mum"], initiative=world.initiative, need="breastfeeding"
    )
    forget()
    match = peer.match_make(
        actor=world.coordinator,
        request=request,
        supporter=peer_selectors.suggestions(request)[0].supporter,
    )
    assert told("support_matched") == [
        ("mum", "Your request for peer support in Riverside repairs is matched with a supporter.")
    ]
    concern = peer.concern_raise(
        actor=match.supporter.person, match=match, professional=circle["midwife"], text="Worried"
    )
    assert told("concern_assigned") == [
        ("midwife", "Ada raised a concern with you in Riverside repairs.")
    ]
    notification = Notification.objects.get(message="concern_assigned")
    assert notification.link == (
        f"/initiatives/riverside-repairs/peer-support/concerns/{concern.pk}/"
    )
    assert notification.params == {"person": "Ada", "initiative": "Riverside repairs"}  # no text
    assert Notification.objects.count() == 2


def test_an_exchange_answered_tells_who_proposed_it(world: World) -> None:
    driver, patient = make_user("driver", display_name="Dee Driver"), make_user("patient")
    for person in (driver, patient):
        add_member(world.initiative, person)
    lift = exchanges.listing_add(
        actor=driver, initiative=world.initiative, kind="offer", title="Lifts", minutes=60
    )
    exchange = exchanges.exchange_propose(actor=patient, listing=lift, minutes=60)
    forget()
    exchanges.exchange_answer(actor=driver, exchange=exchange, agree=True)
    assert told("exchange_agreed") == [("patient", "Dee Driver agreed to your exchange for Lifts.")]
    assert Notification.objects.count() == 1


def test_a_shift_reminder_is_a_notification_and_its_e_mail(rota: Rota) -> None:  # noqa: F811
    person = rota.volunteers[0]
    sign_up = volunteering.shift_sign_up(actor=person, shift=rota.shift)
    forget()
    assert sign_up_email(sign_up_id=sign_up.pk, what="reminder") is True
    when = f"{timezone.localtime(rota.shift.starts_at):%A %d %B %Y, %H:%M}"
    assert told("shift_reminder") == [("v0", f"Reminder: Community shop counter, {when}")]
    (sent,) = mail.outbox
    assert (sent.subject, sent.to) == (
        f"Reminder: Community shop counter, {when}",
        ["v0@example.org"],
    )
    assert "please give up your place here: http://127.0.0.1:8000/initiatives/" in sent.body
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get().emailed_at is not None


def test_a_comment_on_a_proposal_tells_its_author_not_the_commenter(world: World) -> None:
    pb: PB = make_pb(world)
    world, benches = pb.world, pb.proposals["benches"]
    forget()
    pb_services.proposal_comment(actor=world.coordinator, proposal=benches, text="Where exactly?")
    pb_services.proposal_comment(actor=world.member, proposal=benches, text="By the river.")
    assert told("proposal_comment") == [
        ("member", "Cora Coordinator commented on your proposal Benches.")
    ]
    assert Notification.objects.get().link == f"/pb/proposals/{benches.pk}/"


def test_a_comment_and_an_answer_on_an_idea_tell_its_author(world: World) -> None:
    idea = post(world)
    forget()
    ideas.idea_comment(actor=world.member, idea=idea, text="Mine.")  # one's own: no one told
    ideas.idea_comment(actor=world.coordinator, idea=idea, text="Near the library?")
    ideas.idea_answer(actor=world.coordinator, idea=idea, status="into_design")
    assert told("idea_comment") == [
        ("member", "Cora Coordinator commented on your idea Bike racks.")
    ]
    assert told("idea_answer") == [("member", "The coordinators answered your idea Bike racks.")]
    assert set(Notification.objects.values_list("delivery", flat=True)) == {Delivery.DIGEST}


def test_nothing_is_told_when_the_service_refuses(world: World) -> None:
    membership = Membership.objects.get(initiative=world.initiative, user=world.member)
    forget()
    with pytest.raises(Exception, match="pending request"):
        initiatives.membership_decide(actor=world.coordinator, membership=membership, approve=False)
    assert Notification.objects.count() == 0


def test_every_kind_has_a_default_and_a_message() -> None:
    from coproduce.notifications.kinds import DEFAULT_DELIVERY, MESSAGES

    assert set(DEFAULT_DELIVERY) == set(Kind.values)
    assert {kind for kind, _text in MESSAGES.values()} == set(Kind.values)
