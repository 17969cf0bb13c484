"""Notifications: what happened that concerns a person, kept for their notifications page and
e-mailed straight away or in a daily digest, as the person chose for each kind (``kinds``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from coproduce.notifications.kinds import MESSAGES, Delivery, Kind


class Notification(models.Model):
    # indexed by notif_of_person below, which leads with it: no index of its own to write
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    message = models.CharField(max_length=30)  # a key of kinds.MESSAGES
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=500, blank=True)  # a path on this site
    # how it reaches the person, decided from their preference when it was made
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_of_person"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread"
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(delivery="digest", emailed_at__isnull=True),
                name="notif_digest_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} notification #{self.pk}"

    @property
    def text(self) -> str:
        """The sentence, in the language active now, with its params filled in."""
        template = MESSAGES.get(self.message, (self.kind, "%(text)s"))[1]
        values = {key: value for key, value in self.params.items() if isinstance(value, str)}
        try:
            return str(template) % values
        except (KeyError, TypeError, ValueError):
            return str(template)


class Preference(models.Model):
    """A person's choice of delivery for one kind; without one, ``kinds.DEFAULT_DELIVERY``."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notif_one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
