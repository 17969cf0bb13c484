"""Reads of notifications: a person's own, newest first, and how many are unread."""

from typing import Any

from django.db.models import QuerySet

from coproduce.notifications.models import Notification


def notifications_of(person: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person).order_by("-created_at", "-pk")


def unread_count(person: Any) -> int:
    """One COUNT over the partial index of unread notifications."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()
