"""What participatory budgeting writes to the co-production record."""

from typing import Any

from django.utils import timezone

from coproduce.budgeting.models import Process
from coproduce.core.vocabulary import Unit
from coproduce.initiatives.models import Initiative, MembershipStatus
from coproduce.record import services as record


def is_member(initiative: Initiative, user: Any) -> bool:
    return initiative.memberships.filter(user=user, status=MembershipStatus.ACTIVE).exists()


def do_record_participation(process: Process, person: Any, kind: str, description: str) -> None:
    """A member's part in the process goes into the record (one count each); people who are
    not members of the initiative take part without an entry."""
    if is_member(process.initiative, person):
        record.contribution_record(
            actor=person,
            initiative=process.initiative,
            stage=process.stage,
            kind=kind,
            quantity=1,
            unit=Unit.COUNT,
            occurred_on=timezone.localdate(),
            description=description,
        )
