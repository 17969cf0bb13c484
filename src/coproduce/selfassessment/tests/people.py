"""Members who rate one statement, for the self-assessment's tests."""

from typing import Any

from conftest import add_member, make_user
from coproduce.core.vocabulary import Role, Side
from coproduce.initiatives.models import Initiative
from coproduce.selfassessment.services import self_assessment_answer


def members_rate(
    initiative: Initiative,
    statement: str,
    members: list[tuple[Any, int | None]],
    joining: list[tuple[str, str, int | None]],
) -> None:
    """Active ``members`` rate ``statement`` (person, rating), and so do the people
    ``joining`` (username, side, rating), who join first."""
    raters = list(members)
    for username, side, rating in joining:
        person = make_user(username)
        role = Role.RESIDENT if side == Side.CITIZEN else Role.FRONTLINE_PROFESSIONAL
        add_member(initiative, person, side, role)
        raters.append((person, rating))
    for person, rating in raters:
        self_assessment_answer(actor=person, initiative=initiative, ratings={statement: rating})
