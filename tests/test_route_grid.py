"""Every URL and API route, for every role, with the answer each must get.

A route added without an expectation here fails the test, so no page or endpoint ships
without a decision about who may use it. Where the answer is a refusal (401/403/404/405),
the test also checks that nothing in the database changed.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from conftest import World, add_member, make_user
from coproduce.budgeting import services as pb_services
from coproduce.budgeting.models import (
    Ballot,
    BallotChoice,
    Budget,
    Comment,
    PhaseCount,
    Process,
    Proposal,
    Support,
    Tally,
    VotingCode,
)
from coproduce.cases.models import CaseStudy
from coproduce.comanagement import services as comanagement
from coproduce.comanagement.models import Board, BoardDecision, Meeting, Seat
from coproduce.core.vocabulary import Role, Side
from coproduce.exchanges import services as exchanges
from coproduce.exchanges.models import Exchange, Listing
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Goal, Initiative, Membership, SideChange, Stage
from coproduce.organisations.models import Organisation
from coproduce.peersupport import services as peersupport
from coproduce.peersupport.models import Concern, Match, PeerSupporter, SupportRequest
from coproduce.peersupport.models import Session as PeerSession
from coproduce.record import services as record
from coproduce.record.models import Contribution, ContributionVerification, Decision
from coproduce.timecredits import services as credits
from coproduce.timecredits.models import Account, CreditPolicy, Offer, Partner, Transfer, Voucher
from coproduce.volunteering import services as volunteering
from coproduce.volunteering.models import HoursLog, Opportunity, Shift, SignUp, VolunteeringPolicy

ROLES = ("anonymous", "member", "coordinator", "other_coordinator", "staff")


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def _signed_in(anonymous: int, **others: int) -> dict[str, int]:
    return {"anonymous": anonymous, **others}


PAGE_MANAGE = _signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200)
PAGE_SIGNED_IN = _signed_in(302, member=200, coordinator=200, other_coordinator=200, staff=200)
API_MANAGE_WRITE = _signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201)
API_RECORDER = _signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=201)
API_UPDATE = _signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200)
API_MANAGE_OBJECT = _signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=200)

# route name -> [(method, payload, expected status per role)]
EXPECTED: dict[str, list[tuple[str, dict[str, Any] | None, dict[str, int]]]] = {
    "home": [("get", None, _all(200))],
    "health": [("get", None, _all(200)), ("post", {}, _all(405))],
    "cases:library": [("get", None, _all(200))],
    "initiatives:list": [("get", None, _all(200))],
    "initiatives:create": [("get", None, PAGE_SIGNED_IN)],
    "initiatives:detail": [("get", None, _all(200))],
    "initiatives:edit": [("get", None, PAGE_MANAGE)],
    "initiatives:join": [
        (
            "get",
            None,
            _signed_in(302, member=403, coordinator=403, other_coordinator=200, staff=200),
        ),
    ],
    "initiatives:leave": [
        # the coordinator is the last one, so is told to appoint another and stays
        (
            "post",
            {},
            _signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403),
        ),
    ],
    "initiatives:members": [("get", None, PAGE_MANAGE)],
    "initiatives:side_change": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
    ],
    "initiatives:member_decide": [
        (
            "post",
            {},
            _signed_in(302, member=404, coordinator=302, other_coordinator=404, staff=302),
        ),
    ],
    "initiatives:stage_create": [("get", None, PAGE_MANAGE)],
    "initiatives:stage_edit": [
        (
            "get",
            None,
            _signed_in(302, member=404, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "initiatives:goal_create": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
    ],
    "initiatives:goal_agree": [
        (
            "post",
            {},
            _signed_in(302, member=302, coordinator=302, other_coordinator=404, staff=404),
        ),
    ],
    "record:page": [("get", None, _all(200))],
    "record:contribute": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "record:decide": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "record:verify": [
        (
            "post",
            {},
            _signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "record:reverse_contribution": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "record:reverse_decision": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "organisations:list": [("get", None, _all(200))],
    "organisations:create": [
        ("get", None, PAGE_SIGNED_IN),
        (
            "post",
            {"name": "Friends of the Park", "kind": "community_group"},
            _signed_in(302, member=302, coordinator=302, other_coordinator=302, staff=302),
        ),
    ],
    "budgeting:process": [("get", None, _all(200))],
    "budgeting:create": [
        (
            "get",
            None,
            _signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "budgeting:manage": [
        (
            "get",
            None,
            _signed_in(302, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
        (
            "post",
            {"advance": "1"},
            _signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "budgeting:propose": [("get", None, PAGE_SIGNED_IN)],
    "budgeting:proposal": [("get", None, _all(200))],
    "budgeting:edit_proposal": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=403, other_coordinator=403, staff=403),
        )
    ],
    "budgeting:proposal_image": [("get", None, _all(404))],  # this proposal has no picture
    "budgeting:support": [("post", {}, _all(302))],
    "budgeting:comment": [
        ("post", {}, _signed_in(302, member=400, coordinator=400, other_coordinator=400, staff=400))
    ],
    "budgeting:review": [
        (
            "post",
            {},
            _signed_in(302, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "budgeting:reply": [
        (
            "post",
            {},
            _signed_in(302, member=400, coordinator=403, other_coordinator=403, staff=403),
        ),
    ],
    "budgeting:update": [
        (
            "post",
            {},
            _signed_in(302, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "budgeting:ballot": [("get", None, _all(302))],
    "budgeting:results": [("get", None, _all(403))],
    "budgeting:results_pb": [("get", None, _all(403))],  # not before results are published
    "budgeting:results_csv": [("get", None, _all(403))],
    "accounts:sign_up": [("get", None, _all(200))],
    "accounts:login": [
        (
            "get",
            None,
            _signed_in(200, member=302, coordinator=302, other_coordinator=302, staff=302),
        ),
    ],
    "accounts:logout": [("post", {}, _all(302))],
    "accounts:profile": [("get", None, PAGE_SIGNED_IN)],
    "accounts:token_revoke": [
        (
            "post",
            {},
            _signed_in(302, member=302, coordinator=404, other_coordinator=404, staff=404),
        )
    ],
    "accounts:password_reset": [("get", None, _all(200))],
    "accounts:password_reset_done": [("get", None, _all(200))],
    "accounts:password_reset_confirm": [("get", None, _all(200))],
    "accounts:password_reset_complete": [("get", None, _all(200))],
    "admin:index": [
        (
            "get",
            None,
            _signed_in(302, member=302, coordinator=302, other_coordinator=302, staff=200),
        ),
    ],
    "api:api-root": [("get", None, _all(200))],
    "api:schema": [("get", None, _all(200))],
    "api:token": [("post", {}, _all(400))],
    "api:auth-token-list": [("get", None, _signed_in(403, **dict.fromkeys(ROLES[1:], 200)))],
    "api:auth-token-detail": [
        (
            "delete",
            None,
            _signed_in(403, member=204, coordinator=404, other_coordinator=404, staff=404),
        )
    ],
    "api:initiative-list": [
        ("get", None, _all(200)),
        (
            "post",
            {
                "title": "New one",
                "summary": "S",
                "service_area": "health",
                "side": "citizen",
                "role": "carer",
            },
            _signed_in(403, member=201, coordinator=201, other_coordinator=201, staff=201),
        ),
    ],
    "api:initiative-detail": [
        ("get", None, _all(200)),
        ("patch", {"title": "Renamed"}, API_UPDATE),
    ],
    "api:initiative-leave": [
        (
            "post",
            {},
            _signed_in(403, member=200, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "api:stage-list": [
        ("get", None, _all(200)),
        ("post", {"kind": "co_assessment"}, API_MANAGE_WRITE),
    ],
    "api:stage-detail": [("get", None, _all(200)), ("patch", {"notes": "Dated"}, API_UPDATE)],
    "api:member-list": [
        ("get", None, _all(200)),
        (
            "post",
            {"side": "citizen", "role": "carer"},
            _signed_in(403, member=403, coordinator=403, other_coordinator=201, staff=201),
        ),
    ],
    "api:member-invite": [
        ("post", {"username": "applicant", "side": "citizen", "role": "carer"}, API_MANAGE_WRITE),
    ],
    "api:member-approve": [("post", {}, API_MANAGE_OBJECT)],
    "api:member-decline": [("post", {}, API_MANAGE_OBJECT)],
    # sides and the reviewer's power: a coordinator decides, not staff (issue 16)
    "api:member-side-changes": [
        ("get", None, _all(200)),
        (
            "post",
            {"side": "political", "role": "councillor"},
            _signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:member-approve-side-change": [
        ("post", {}, _signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=403))
    ],
    "api:member-refuse-side-change": [
        ("post", {}, _signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=403))
    ],
    "api:member-reviewer": [
        (
            "post",
            {"is_reviewer": True},
            _signed_in(403, member=404, coordinator=200, other_coordinator=404, staff=403),
        )
    ],
    "api:contribution-list": [
        ("get", None, _all(200)),
        (
            "post",
            {
                "stage": "<stage>",
                "kind": "idea",
                "quantity": 1,
                "unit": "count",
                "occurred_on": "2026-02-01",
            },
            _signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:contribution-totals": [("get", None, _all(200))],
    "api:contribution-detail": [("get", None, _all(200))],
    "api:contribution-verify": [("post", {}, API_MANAGE_WRITE)],
    "api:contribution-reverse": [("post", {"reason": "Duplicate"}, API_RECORDER)],
    # time credits: the member holds 30 minutes earned; coordinators keep the ledger
    "timecredits:page": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {"gift": "1", "to": "coord", "minutes": 10, "key": "k1"},
            _signed_in(302, member=302, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "timecredits:ledger": [
        ("get", None, PAGE_MANAGE),
        (
            "post",
            {"policy-minutes_per_hour": 30, "policy-floor": 0},
            _signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    "timecredits:correct": [
        (
            "post",
            {"reason": "Logged twice", "key": "k2"},
            _signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        )
    ],
    "timecredits:redeem": [
        # no representatives yet: coordinators may take vouchers, others do not see the page
        (
            "get",
            None,
            _signed_in(302, member=404, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
    # volunteering: the member has a place on tomorrow's shift and an hour waiting approval
    "volunteering:overview": [("get", None, _all(200))],
    "volunteering:create": [("get", None, PAGE_MANAGE)],
    "volunteering:report": [("get", None, PAGE_MANAGE)],
    "volunteering:log_hours": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "volunteering:opportunity": [
        ("get", None, _all(200)),
        (
            "post",
            {},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "volunteering:sign_up": [
        ("post", {}, _signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403))
    ],
    "volunteering:withdraw": [
        ("post", {}, _signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=302))
    ],
    "volunteering:attendance": [
        # the shift is tomorrow: permitted roles are told to wait (a message, then back)
        (
            "post",
            {"attended": "1"},
            _signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302),
        )
    ],
    "volunteering:decide": [
        ("post", {}, _signed_in(302, member=403, coordinator=302, other_coordinator=404, staff=302))
    ],
    # co-management: the member sits on the board (not as chair); a meeting is scheduled
    "comanagement:boards": [
        ("get", None, _all(200)),
        (
            "post",
            {},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "comanagement:board": [
        ("get", None, _all(200)),
        (
            "post",
            {"add_seat": "1"},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "comanagement:meeting": [
        ("get", None, _all(200)),
        (
            "post",
            {"attendance": "1", "minutes": "Agreed"},
            _signed_in(403, member=403, coordinator=302, other_coordinator=403, staff=302),
        ),
    ],
    # peer support: the coordinator supports the member; the member raised a concern to them
    "peersupport:overview": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=200),
        )
    ],
    "peersupport:make_match": [
        ("post", {}, _signed_in(302, member=403, coordinator=302, other_coordinator=403, staff=302))
    ],
    "peersupport:match": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
    "peersupport:concern": [
        # only the person who raised it and the named professional, not even staff
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=404, staff=404),
        )
    ],
    # exchanges: the member offers something; the coordinator asked to take it up
    "exchanges:overview": [
        (
            "get",
            None,
            _signed_in(302, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {},
            _signed_in(302, member=400, coordinator=400, other_coordinator=403, staff=403),
        ),
    ],
    "exchanges:propose": [
        # the member's own listing, the coordinator's second try: both told why not
        (
            "post",
            {"minutes": "30"},
            _signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=403),
        )
    ],
    "exchanges:close": [
        ("post", {}, _signed_in(302, member=302, coordinator=302, other_coordinator=403, staff=302))
    ],
    "exchanges:answer": [
        (
            "post",
            {"agree": "yes"},
            _signed_in(302, member=302, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "exchanges:confirm": [
        # only the receiver confirms; not agreed yet, so the coordinator is told why not
        (
            "post",
            {"key": "grid", "done_on": "2026-03-01", "minutes": "30"},
            _signed_in(302, member=403, coordinator=302, other_coordinator=404, staff=403),
        )
    ],
    "exchanges:cancel": [
        ("post", {}, _signed_in(302, member=302, coordinator=302, other_coordinator=404, staff=403))
    ],
    "api:listing-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        ),
        (
            "post",
            {"kind": "offer", "title": "Gardening"},
            _signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:listing-detail": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:listing-take-up": [
        (
            "post",
            {"minutes": 30},
            _signed_in(403, member=400, coordinator=400, other_coordinator=403, staff=403),
        )
    ],
    "api:listing-close": [
        ("post", {}, _signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403))
    ],
    "api:exchange-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        )
    ],
    "api:exchange-detail": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
    "api:exchange-answer": [
        (
            "post",
            {"agree": True},
            _signed_in(403, member=200, coordinator=403, other_coordinator=404, staff=403),
        )
    ],
    "api:exchange-confirm": [
        (
            "post",
            {"done_on": "2026-03-01"},
            _signed_in(403, member=403, coordinator=400, other_coordinator=404, staff=403),
        )
    ],
    "api:exchange-cancel": [
        ("post", {}, _signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=403))
    ],
    # co-management and peer-support API (same world as their pages)
    "api:board-list": [
        (
            "get",
            None,
            _signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"name": "Hall board", "stage": "<board_stage>"},
            _signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:board-detail": [
        (
            "get",
            None,
            _signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:board-seats": [
        (
            "post",
            {"person": "member"},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:meeting-list": [
        (
            "get",
            None,
            _signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"board": "<board>", "held_at": "2030-01-01T10:00:00Z", "agenda": "Budget"},
            _signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:meeting-detail": [
        (
            "get",
            None,
            _signed_in(200, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:meeting-attendance": [
        (
            "post",
            {"attendees": ["member"], "minutes": "Met"},
            _signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
    ],
    "api:meeting-decide": [
        (
            "post",
            {"title": "Open", "rule": "consensus", "initiated_by": "member"},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:peer-supporter-list": [
        (
            "get",
            None,
            _signed_in(403, member=403, coordinator=200, other_coordinator=403, staff=200),
        ),
        (
            "post",
            {
                "person": "member",
                "supports": "repairs",
                "training": "Course",
                "trained_on": "2026-01-01",
                "checked_until": "2030-01-01",
            },
            _signed_in(403, member=403, coordinator=201, other_coordinator=403, staff=201),
        ),
    ],
    "api:support-request-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"need": "repairs"},
            _signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:support-request-detail": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "api:support-request-suggestions": [
        (
            "get",
            None,
            _signed_in(403, member=403, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "api:support-request-match": [
        (
            "post",
            {"supporter": "<supporter>"},
            _signed_in(403, member=403, coordinator=400, other_coordinator=404, staff=400),
        ),
    ],
    "api:peer-match-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:peer-match-detail": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=200),
        ),
    ],
    "api:peer-match-sessions": [
        (
            "post",
            {"held_on": "2026-03-01", "minutes": 30},
            _signed_in(403, member=201, coordinator=201, other_coordinator=404, staff=403),
        ),
    ],
    "api:peer-session-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
    ],
    "api:peer-session-confirm": [
        (
            "post",
            {},
            _signed_in(403, member=200, coordinator=400, other_coordinator=404, staff=404),
        ),
    ],
    "api:concern-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"match": "<match>", "professional": "coord", "text": "Worried"},
            # the coordinator supports the member: a concern to oneself is refused; a match
            # not one's own is refused as a missing one would be
            _signed_in(403, member=201, coordinator=400, other_coordinator=400, staff=400),
        ),
    ],
    "api:concern-detail": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=404, staff=404),
        ),
    ],
    "api:concern-acknowledge": [
        (
            "post",
            {},
            _signed_in(403, member=400, coordinator=200, other_coordinator=404, staff=404),
        ),
    ],
    # volunteering API
    "api:opportunity-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"stage": "<delivery_stage>", "title": "Garden", "role": "Weed", "description": "Beds"},
            API_MANAGE_WRITE,
        ),
    ],
    "api:opportunity-detail": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        )
    ],
    "api:shift-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {
                "opportunity": "<opportunity>",
                "starts_at": "2030-01-01T10:00:00Z",
                "ends_at": "2030-01-01T12:00:00Z",
                "capacity": 3,
            },
            API_MANAGE_WRITE,
        ),
    ],
    "api:shift-sign-up": [
        # the member already has a place: told so; non-members may not take part
        ("post", {}, _signed_in(403, member=400, coordinator=201, other_coordinator=403, staff=403))
    ],
    "api:sign-up-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        )
    ],
    "api:sign-up-withdraw": [
        # a sign-up is listed (so reachable) only by its own volunteer
        ("post", {}, _signed_in(403, member=200, coordinator=404, other_coordinator=404, staff=404))
    ],
    "api:hours-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"opportunity": "<opportunity>", "minutes": 60, "worked_on": "2026-03-02"},
            _signed_in(403, member=201, coordinator=201, other_coordinator=403, staff=403),
        ),
    ],
    "api:hours-decide": [
        (
            "post",
            {"approve": True},
            _signed_in(403, member=403, coordinator=200, other_coordinator=404, staff=200),
        )
    ],
    "api:credit-list": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:credit-statement": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=403, staff=403),
        )
    ],
    "api:credit-gift": [
        (
            "post",
            {"to": "coord", "minutes": 10},
            # the coordinator may give but has no credit, and cannot give to themself
            _signed_in(403, member=201, coordinator=400, other_coordinator=403, staff=403),
        )
    ],
    "api:credit-earn": [
        ("post", {"person": "member", "minutes_given": 60}, API_MANAGE_WRITE),
    ],
    "api:credit-policy": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        ("put", {"minutes_per_hour": 30, "floor": 0}, API_UPDATE),
    ],
    "api:credit-transfer-list": [("get", None, API_UPDATE)],
    "api:credit-transfer-detail": [("get", None, API_UPDATE)],
    "api:credit-transfer-reverse": [("post", {"reason": "Logged twice"}, API_MANAGE_WRITE)],
    "api:decision-list": [
        ("get", None, _all(200)),
        (
            "post",
            {
                "stage": "<stage>",
                "title": "Agreed",
                "decided_by": "joint",
                "rule": "consensus",
                "decided_on": "2026-02-01",
                "initiated_by_side": "citizen",
            },
            API_RECORDER,
        ),
    ],
    "api:decision-detail": [("get", None, _all(200))],
    "api:decision-reverse": [("post", {"reason": "Wrong meeting"}, API_RECORDER)],
    "api:case-list": [("get", None, _all(200))],
    "api:case-detail": [("get", None, _all(200))],
    "api:organisation-list": [
        ("get", None, _all(200)),
        (
            "post",
            {"name": "Friends of the Park", "kind": "community_group"},
            _signed_in(403, member=201, coordinator=201, other_coordinator=201, staff=201),
        ),
    ],
    "api:organisation-detail": [("get", None, _all(200))],
    # participatory budgeting; the process is collecting proposals
    "api:pb-process-list": [
        ("get", None, _all(200)),
        (
            "post",
            {
                "initiative": "<slug>",
                "stage": "<pb_stage>",
                "title": "Second round",
                "budgets": [{"name": "All", "amount": 5000}],
            },
            API_MANAGE_WRITE,
        ),
    ],
    "api:pb-process-detail": [("get", None, _all(200))],
    "api:pb-process-advance": [("post", {}, API_UPDATE)],
    "api:pb-process-codes": [("post", {"count": 2}, API_MANAGE_WRITE)],
    # verifying a voter's district: this process keeps no budget to its residents (400)
    "api:pb-process-districts": [
        (
            "post",
            {"person": "member", "district": "North"},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        )
    ],
    "api:pb-process-proposals": [
        ("get", None, _all(200)),
        (
            "post",
            {
                "budget": "<pb_budget>",
                "title": "Trees",
                "description": "Plant trees",
                "estimated_cost": 900,
            },
            _signed_in(403, member=201, coordinator=201, other_coordinator=201, staff=201),
        ),
    ],
    "api:pb-proposal-detail": [
        ("get", None, _all(200)),
        (
            "patch",
            {"title": "Better benches"},
            _signed_in(403, member=200, coordinator=403, other_coordinator=403, staff=403),
        ),
    ],
    # removing a picture the proposal does not have: its author may (a no-op), no one else
    "api:pb-proposal-picture": [
        (
            "delete",
            None,
            _signed_in(403, member=200, coordinator=403, other_coordinator=403, staff=403),
        )
    ],
    "api:pb-proposal-support": [
        (
            "post",
            {},
            _signed_in(403, member=201, coordinator=201, other_coordinator=201, staff=201),
        ),
    ],
    # reviews wait for the review phase: permitted roles are told so (400)
    "api:pb-proposal-review": [
        (
            "post",
            {"feasible": True, "reason": "Fine"},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:pb-proposal-updates": [
        ("get", None, _all(200)),
        (
            "post",
            {"status": "in_progress", "progress": 10},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:pb-budget-ballot": [
        (
            "get",
            None,
            _signed_in(403, member=200, coordinator=200, other_coordinator=200, staff=200),
        ),
        (
            "post",
            {"choices": [{"proposal": "<pb_proposal>"}]},
            _signed_in(403, member=400, coordinator=400, other_coordinator=400, staff=400),
        ),
    ],
    "api:pb-budget-count": [
        (
            "post",
            {},
            _signed_in(403, member=403, coordinator=400, other_coordinator=403, staff=400),
        ),
    ],
    "api:pb-budget-results": [("get", None, _all(403))],
}


def route_patterns() -> dict[str, str]:
    """Every named route, mapped to its full pattern."""

    def walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> dict[str, str]:
        found: dict[str, str] = {}
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                found |= walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[namespace + pattern.name] = prefix + str(pattern.pattern)
        return found

    routes = walk(get_resolver().url_patterns)
    # Django's own admin is covered by its index (staff only) and by Django's tests.
    return {name: p for name, p in routes.items() if not name.startswith("admin:")} | {
        "admin:index": "admin/"
    }


def route_names() -> set[str]:
    return set(route_patterns())


def test_every_route_has_an_expectation() -> None:
    assert route_names() - set(EXPECTED) == set()
    assert set(EXPECTED) - route_names() == set()


def _snapshot() -> list[Any]:
    """Everything a request could change, to prove refused requests changed nothing."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Initiative,
            Stage,
            Goal,
            Membership,
            SideChange,
            Organisation,
            Contribution,
            ContributionVerification,
            Decision,
            Process,
            Budget,
            Proposal,
            Support,
            Comment,
            Ballot,
            BallotChoice,
            VotingCode,
            Tally,
            PhaseCount,
            CreditPolicy,
            Account,
            Transfer,
            Partner,
            Offer,
            Voucher,
            Opportunity,
            Shift,
            SignUp,
            HoursLog,
            VolunteeringPolicy,
            Board,
            Seat,
            Meeting,
            BoardDecision,
            PeerSupporter,
            SupportRequest,
            Match,
            PeerSession,
            Concern,
            Listing,
            Exchange,
            AuthToken,
        )
    ]


def _targets(world: World) -> dict[str, Any]:
    applicant = make_user("applicant")
    requested = initiatives.membership_request(
        actor=applicant, initiative=world.initiative, side=Side.CITIZEN, role=Role.CARER
    )
    switcher = make_user("switcher")
    add_member(world.initiative, switcher)
    initiatives.side_change_request(
        actor=switcher, initiative=world.initiative, side=Side.POLITICAL, role=Role.COUNCILLOR
    )
    switching = world.initiative.memberships.get(user=switcher)
    member_membership = world.initiative.memberships.get(user=world.member)
    goal = initiatives.goal_add(
        actor=world.coordinator, initiative=world.initiative, text="Fewer repeat visits"
    )
    contribution = record.contribution_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        kind="time",
        quantity=60,
        unit="minutes",
        occurred_on=datetime.date(2026, 2, 1),
    )
    decision = record.decision_record(
        actor=world.member,
        initiative=world.initiative,
        stage=world.stage,
        title="Agreed",
        decided_by="joint",
        rule="consensus",
        decided_on=datetime.date(2026, 2, 1),
        initiated_by=world.member,
    )
    CaseStudy.objects.create(initiative=world.other, source="A test source")
    pb_stage = initiatives.stage_create(
        actor=world.coordinator, initiative=world.initiative, kind="co_prioritisation"
    )
    process = pb_services.process_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=pb_stage,
        title="Riverside decides",
        budgets=[("North", 100_000, "")],
    )
    pb_services.phase_advance(actor=world.coordinator, process=process)
    pb_budget = process.budgets.get()
    pb_proposal = pb_services.proposal_submit(
        actor=world.member,
        budget=pb_budget,
        title="Benches",
        description="Three benches",
        estimated_cost=30_000,
    )
    organisation = Organisation.objects.create(name="Council", kind="public_agency")
    earned, _ = credits.credits_earn(
        actor=world.coordinator, initiative=world.initiative, person=world.member, minutes_given=30
    )
    partner = credits.partner_add(
        actor=world.coordinator,
        initiative=world.initiative,
        organisation=organisation,
        representatives=[],
    )
    opportunity = volunteering.opportunity_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=initiatives.stage_create(
            actor=world.coordinator, initiative=world.initiative, kind="co_performing"
        ),
        title="Shop counter",
        role="Serve",
        description="Serve customers",
    )
    tomorrow = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    shift = volunteering.shift_add(
        actor=world.coordinator,
        opportunity=opportunity,
        starts_at=tomorrow,
        ends_at=tomorrow + datetime.timedelta(hours=2),
        capacity=5,
    )
    sign_up = volunteering.shift_sign_up(actor=world.member, shift=shift)
    board = comanagement.board_create(
        actor=world.coordinator,
        initiative=world.initiative,
        stage=initiatives.stage_create(
            actor=world.coordinator, initiative=world.initiative, kind="co_management"
        ),
        name="Trust board",
    )
    comanagement.seat_add(actor=world.coordinator, board=board, person=world.member)
    meeting = comanagement.meeting_schedule(
        actor=world.coordinator, board=board, held_at=tomorrow, agenda="Opening hours"
    )
    supporter = peersupport.supporter_register(
        actor=world.coordinator,
        initiative=world.initiative,
        person=world.coordinator,
        supports="repairs",
        training="Peer support course",
        trained_on=datetime.date(2026, 1, 5),
        checked_until=datetime.date(2030, 1, 1),
    )
    support_request = peersupport.support_ask(
        actor=world.member, initiative=world.initiative, need="repairs"
    )
    match = peersupport.match_make(
        actor=world.coordinator, request=support_request, supporter=supporter
    )
    concern = peersupport.concern_raise(
        actor=world.member, match=match, professional=world.coordinator, text="Worried"
    )
    hours = volunteering.hours_log(
        actor=world.member,
        opportunity=opportunity,
        minutes=60,
        worked_on=datetime.date(2026, 3, 1),
    )
    listing = exchanges.listing_add(
        actor=world.member, initiative=world.initiative, kind="offer", title="Lifts"
    )
    exchange = exchanges.exchange_propose(actor=world.coordinator, listing=listing, minutes=30)
    peer_session = peersupport.session_log(
        actor=world.coordinator, match=match, held_on=datetime.date(2026, 3, 1), minutes=30
    )
    member_token, _ = AuthToken.objects.create(user=world.member)
    slug = world.initiative.slug
    kwargs: dict[str, Callable[[], dict[str, Any]]] = {
        "accounts:token_revoke": lambda: {"token_id": member_token.digest[:16]},
        "api:auth-token-detail": lambda: {"pk": member_token.digest[:16]},
        "api:board-detail": lambda: {"initiative_slug": slug, "pk": board.pk},
        "api:board-seats": lambda: {"initiative_slug": slug, "pk": board.pk},
        "api:meeting-detail": lambda: {"initiative_slug": slug, "pk": meeting.pk},
        "api:meeting-attendance": lambda: {"initiative_slug": slug, "pk": meeting.pk},
        "api:meeting-decide": lambda: {"initiative_slug": slug, "pk": meeting.pk},
        "api:support-request-detail": lambda: {"initiative_slug": slug, "pk": support_request.pk},
        "api:support-request-suggestions": lambda: {
            "initiative_slug": slug,
            "pk": support_request.pk,
        },
        "api:support-request-match": lambda: {"initiative_slug": slug, "pk": support_request.pk},
        "api:peer-match-detail": lambda: {"initiative_slug": slug, "pk": match.pk},
        "api:peer-match-sessions": lambda: {"initiative_slug": slug, "pk": match.pk},
        "api:peer-session-confirm": lambda: {"initiative_slug": slug, "pk": peer_session.pk},
        "api:concern-detail": lambda: {"initiative_slug": slug, "pk": concern.pk},
        "api:concern-acknowledge": lambda: {"initiative_slug": slug, "pk": concern.pk},
        "exchanges:propose": lambda: {"slug": slug, "pk": listing.pk},
        "exchanges:close": lambda: {"slug": slug, "pk": listing.pk},
        "exchanges:answer": lambda: {"slug": slug, "pk": exchange.pk},
        "exchanges:confirm": lambda: {"slug": slug, "pk": exchange.pk},
        "exchanges:cancel": lambda: {"slug": slug, "pk": exchange.pk},
        "api:listing-detail": lambda: {"initiative_slug": slug, "pk": listing.pk},
        "api:listing-take-up": lambda: {"initiative_slug": slug, "pk": listing.pk},
        "api:listing-close": lambda: {"initiative_slug": slug, "pk": listing.pk},
        "api:exchange-detail": lambda: {"initiative_slug": slug, "pk": exchange.pk},
        "api:exchange-answer": lambda: {"initiative_slug": slug, "pk": exchange.pk},
        "api:exchange-confirm": lambda: {"initiative_slug": slug, "pk": exchange.pk},
        "api:exchange-cancel": lambda: {"initiative_slug": slug, "pk": exchange.pk},
        "initiatives:member_decide": lambda: {
            "slug": slug,
            "pk": requested.pk,
            "decision": "approve",
        },
        "initiatives:stage_edit": lambda: {"slug": slug, "pk": world.stage.pk},
        "initiatives:goal_agree": lambda: {"slug": slug, "pk": goal.pk},
        "record:verify": lambda: {"slug": slug, "pk": contribution.pk},
        "record:reverse_contribution": lambda: {"slug": slug, "pk": contribution.pk},
        "record:reverse_decision": lambda: {"slug": slug, "pk": decision.pk},
        "accounts:password_reset_confirm": lambda: {"uidb64": "MQ", "token": "used-token"},
        "api:stage-detail": lambda: {"initiative_slug": slug, "pk": world.stage.pk},
        "api:member-approve": lambda: {"initiative_slug": slug, "pk": requested.pk},
        "api:member-decline": lambda: {"initiative_slug": slug, "pk": requested.pk},
        "api:member-approve-side-change": lambda: {"initiative_slug": slug, "pk": switching.pk},
        "api:member-refuse-side-change": lambda: {"initiative_slug": slug, "pk": switching.pk},
        "api:member-reviewer": lambda: {"initiative_slug": slug, "pk": member_membership.pk},
        "api:contribution-detail": lambda: {"initiative_slug": slug, "pk": contribution.pk},
        "api:credit-transfer-detail": lambda: {"initiative_slug": slug, "pk": earned.pk},
        "timecredits:correct": lambda: {"slug": slug, "pk": earned.pk},
        "timecredits:redeem": lambda: {"slug": slug, "pk": partner.pk},
        "volunteering:opportunity": lambda: {"slug": slug, "pk": opportunity.pk},
        "comanagement:board": lambda: {"slug": slug, "pk": board.pk},
        "peersupport:make_match": lambda: {"slug": slug, "pk": support_request.pk},
        "api:shift-sign-up": lambda: {"initiative_slug": slug, "pk": shift.pk},
        "api:sign-up-withdraw": lambda: {"initiative_slug": slug, "pk": sign_up.pk},
        "api:hours-decide": lambda: {"initiative_slug": slug, "pk": hours.pk},
        "api:opportunity-detail": lambda: {"initiative_slug": slug, "pk": opportunity.pk},
        "peersupport:match": lambda: {"slug": slug, "pk": match.pk},
        "peersupport:concern": lambda: {"slug": slug, "pk": concern.pk},
        "comanagement:meeting": lambda: {"slug": slug, "pk": meeting.pk},
        "volunteering:sign_up": lambda: {"slug": slug, "pk": shift.pk},
        "volunteering:withdraw": lambda: {"slug": slug, "pk": sign_up.pk},
        "volunteering:attendance": lambda: {"slug": slug, "pk": sign_up.pk},
        "volunteering:decide": lambda: {"slug": slug, "pk": hours.pk},
        "api:credit-transfer-reverse": lambda: {"initiative_slug": slug, "pk": earned.pk},
        "api:contribution-verify": lambda: {"initiative_slug": slug, "pk": contribution.pk},
        "api:contribution-reverse": lambda: {"initiative_slug": slug, "pk": contribution.pk},
        "api:decision-detail": lambda: {"initiative_slug": slug, "pk": decision.pk},
        "api:decision-reverse": lambda: {"initiative_slug": slug, "pk": decision.pk},
        "api:case-detail": lambda: {"slug": world.other.slug},
        "api:organisation-detail": lambda: {"pk": organisation.pk},
        "api:initiative-detail": lambda: {"slug": slug},
        "api:initiative-leave": lambda: {"slug": slug},
        "api:pb-process-detail": lambda: {"pk": process.pk},
        "budgeting:process": lambda: {"pk": process.pk},
        "budgeting:manage": lambda: {"pk": process.pk},
        "budgeting:propose": lambda: {"pk": process.pk},
        "budgeting:proposal": lambda: {"pk": pb_proposal.pk},
        "budgeting:edit_proposal": lambda: {"pk": pb_proposal.pk},
        "budgeting:proposal_image": lambda: {"pk": pb_proposal.pk},
        "budgeting:support": lambda: {"pk": pb_proposal.pk},
        "budgeting:comment": lambda: {"pk": pb_proposal.pk},
        "budgeting:review": lambda: {"pk": pb_proposal.pk},
        "budgeting:reply": lambda: {"pk": pb_proposal.pk},
        "budgeting:update": lambda: {"pk": pb_proposal.pk},
        "budgeting:ballot": lambda: {"pk": pb_budget.pk},
        "budgeting:results": lambda: {"pk": pb_budget.pk},
        "budgeting:results_pb": lambda: {"pk": pb_budget.pk},
        "budgeting:results_csv": lambda: {"pk": pb_budget.pk},
        "api:pb-process-advance": lambda: {"pk": process.pk},
        "api:pb-process-codes": lambda: {"pk": process.pk},
        "api:pb-process-districts": lambda: {"pk": process.pk},
        "api:pb-process-proposals": lambda: {"pk": process.pk},
        "api:pb-proposal-detail": lambda: {"pk": pb_proposal.pk},
        "api:pb-proposal-picture": lambda: {"pk": pb_proposal.pk},
        "api:pb-proposal-support": lambda: {"pk": pb_proposal.pk},
        "api:pb-proposal-review": lambda: {"pk": pb_proposal.pk},
        "api:pb-proposal-updates": lambda: {"pk": pb_proposal.pk},
        "api:pb-budget-ballot": lambda: {"pk": pb_budget.pk},
        "api:pb-budget-count": lambda: {"pk": pb_budget.pk},
        "api:pb-budget-results": lambda: {"pk": pb_budget.pk},
    }
    placeholders = {
        "<stage>": world.stage.pk,
        "<slug>": slug,
        "<pb_stage>": pb_stage.pk,
        "<pb_budget>": pb_budget.pk,
        "<pb_proposal>": pb_proposal.pk,
        "<delivery_stage>": opportunity.stage_id,
        "<opportunity>": opportunity.pk,
        "<board_stage>": board.stage_id,
        "<board>": board.pk,
        "<supporter>": supporter.pk,
        "<match>": match.pk,
    }
    return {"kwargs": kwargs, "slug": slug, "placeholders": placeholders}


def _url(name: str, targets: dict[str, Any]) -> str:
    if name in targets["kwargs"]:
        return reverse(name, kwargs=targets["kwargs"][name]())
    pattern = route_patterns()[name]
    for key in ("initiative_slug", "slug"):
        if key in pattern:
            return reverse(name, kwargs={key: targets["slug"]})
    return reverse(name)


def _fill(value: Any, placeholders: dict[str, Any]) -> Any:
    """The payload with "<name>" placeholders replaced by this world's ids."""
    if isinstance(value, dict):
        return {k: _fill(v, placeholders) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, placeholders) for v in value]
    return placeholders.get(value, value) if isinstance(value, str) else value


CASES = [
    pytest.param(name, method, payload, role, statuses[role], id=f"{name}-{method}-{role}")
    for name, rows in EXPECTED.items()
    for method, payload, statuses in rows
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "payload", "role", "expected"), CASES)
def test_route_answers_each_role(world: World, name, method, payload, role, expected) -> None:
    targets = _targets(world)
    client = APIClient()
    client.credentials(HTTP_IDEMPOTENCY_KEY=f"grid-{role}")  # every API write needs one
    if role != "anonymous":
        client.force_login(getattr(world, role))
    url = _url(name, targets)
    data = _fill(payload or {}, targets["placeholders"])
    before = _snapshot()
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(
            url, data, format="json" if name.startswith("api:") else "multipart"
        )
    assert response.status_code == expected, (url, role, getattr(response, "content", b"")[:300])
    if expected in {401, 403, 404, 405}:
        assert _snapshot() == before
