"""Helpers for the notification tests: what each person was told, by message."""

from typing import Any

from coproduce.notifications.models import Notification


def told(message: str) -> list[tuple[str, str]]:
    """(recipient's username, text) of every notification with this message, by recipient."""
    rows = Notification.objects.filter(message=message).select_related("recipient")
    return sorted((n.recipient.username, n.text) for n in rows)


def forget() -> None:
    """Drop what set-up caused (joining an initiative tells the person they were approved)."""
    Notification.objects.all().delete()


def body(message: Any) -> str:
    return str(message.body)
