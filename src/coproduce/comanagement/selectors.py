"""Reads for co-management."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from coproduce.comanagement.models import Meeting
from coproduce.record.models import Contribution


def attendance_entries(meeting: Meeting, person: Any) -> QuerySet[Contribution]:
    """The person's time at this meeting in the record, not yet reversed: what taking them
    off the list of who came must reverse."""
    return Contribution.objects.filter(
        source_type=ContentType.objects.get_for_model(Meeting),
        source_id=meeting.pk,
        contributor=person,
        reverses__isnull=True,
        reversed_by__isnull=True,
    )
