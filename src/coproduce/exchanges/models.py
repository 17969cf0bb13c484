"""Person-to-person exchanges of services, as in a time bank: members post what they can
offer and what they need; another member takes one up; once the service is given, the
person who received it confirms and pays the giver in time credits."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative


class ListingKind(models.TextChoices):
    OFFER = "offer", _("I can offer")
    REQUEST = "request", _("I need")


class Listing(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="listings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="listings"
    )
    kind = models.CharField(max_length=8, choices=ListingKind.choices)
    title = models.CharField(max_length=120, help_text=_("A few words: 'Lifts to the surgery'."))
    description = models.CharField(max_length=1000, blank=True)
    minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("About how long it takes, in minutes (optional).")
    )
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ListingKind.values), name="ex_listing_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__gte=1) & Q(minutes__lte=24 * 60),
                name="ex_listing_minutes_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class ExchangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    DONE = "done", _("Done and paid")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (ExchangeStatus.PROPOSED, ExchangeStatus.AGREED)


class Exchange(models.Model):
    """One service between two members: the provider gives it, the receiver pays for it."""

    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, related_name="exchanges")
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="services_given"
    )
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="services_received"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    minutes = models.PositiveIntegerField(help_text=_("The time agreed, paid in credit when done."))
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=ExchangeStatus.choices, default=ExchangeStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_on = models.DateField(null=True, blank=True)
    transfer = models.OneToOneField(
        "timecredits.Transfer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.OneToOneField(
        "record.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExchangeStatus.values), name="ex_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(provider=F("receiver")), name="ex_two_different_people"
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=24 * 60), name="ex_minutes_bounds"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(transfer__isnull=False, done_on__isnull=False),
                name="ex_done_is_paid",
            ),
            models.UniqueConstraint(
                fields=["listing", "proposed_by"],
                condition=Q(status__in=["proposed", "agreed"]),
                name="ex_one_open_exchange_per_person_and_listing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.listing.title}: {self.provider} for {self.receiver}"

    @property
    def initiative(self) -> Initiative:
        return self.listing.initiative
