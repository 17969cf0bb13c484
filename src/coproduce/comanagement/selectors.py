"""Reads for co-management."""

from typing import Any

from django.db.models import QuerySet

from coproduce.comanagement.models import Meeting
from coproduce.record.models import Contribution
from coproduce.record.selectors import standing_entries_from


def attendance_entries(meeting: Meeting, person: Any) -> QuerySet[Contribution]:
    """The person's time at this meeting in the record, not yet reversed: what taking them
    off the list of who came must reverse."""
    return standing_entries_from(meeting).filter(contributor=person)
