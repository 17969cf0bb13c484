"""Co-financing: campaigns with pledges of money, time and goods, match-funding rules,
community share offers with their append-only ledger, grants from organisations with
their reporting dates, and money spent. Money is in pence and time in minutes, integers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative
from coproduce.organisations.models import Organisation

# £10m, as the record's largest money entry: a bound that keeps every sum in 64 bits.
MAX_PENCE = 1_000_000_000
MAX_MINUTES = 365 * 24 * 60
MAX_COUNT = 1_000_000
MAX_RATIO_TERM = 1000


class Campaign(models.Model):
    """A call for money, time and goods towards a target (pence) by a deadline."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=1000)
    target = models.BigIntegerField(help_text=_("pence"))
    deadline = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gt=0, target__lte=MAX_PENCE), name="financing_target_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("financing:campaign", args=[self.initiative.slug, self.pk])


class PledgeKind(models.TextChoices):
    MONEY = "money", _("Money")
    TIME = "time", _("Time")
    IN_KIND = "in_kind", _("Goods in kind")


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    HONOURED = "honoured", _("Honoured (received)")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed after the deadline")


class Pledge(models.Model):
    """A promise from a member (``pledger``) or an organisation (``organisation`` with the
    side a coordinator gave it). Money in pence, time in minutes, goods in kind by estimated
    value (pence) or by count. Honoured once received; only then is it in the record."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="pledges")
    pledger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    kind = models.CharField(max_length=10, choices=PledgeKind.choices)
    quantity = models.BigIntegerField()
    unit = models.CharField(max_length=10)
    description = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED
    )
    keyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pledged_at = models.DateTimeField(auto_now_add=True)
    settled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-pledged_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pledger__isnull=True) ^ Q(organisation__isnull=True),
                name="financing_pledge_one_giver",
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="financing_pledge_positive"),
            models.CheckConstraint(
                condition=Q(status__in=PledgeStatus.values), name="financing_pledge_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} pledge {self.pk}"

    @property
    def initiative(self) -> Initiative:
        """The initiative the permission rules ask about."""
        return self.campaign.initiative


class MatchCounts(models.TextChoices):
    PEOPLE = "people", _("Money pledged by people")
    NOT_FUNDER = "not_funder", _("Money pledged by anyone but the funder")


class MatchRule(models.Model):
    """A funder adds ``numerator`` pence for every ``denominator`` pence of the money
    pledges it counts, up to ``cap``. ``matched`` is what it has promised so far, changed
    only under a lock on this row (ADR 0039), and never above the cap."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="match_rules")
    funder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    funder_side = models.CharField(max_length=20, choices=Side.choices)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    cap = models.BigIntegerField(help_text=_("pence"))
    counts = models.CharField(max_length=12, choices=MatchCounts.choices)
    eligible = models.BigIntegerField(default=0, help_text=_("pence pledged that it counts"))
    matched = models.BigIntegerField(default=0, help_text=_("pence it has promised"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(numerator__gt=0, denominator__gt=0), name="financing_ratio_positive"
            ),
            models.CheckConstraint(
                condition=Q(cap__gt=0, cap__lte=MAX_PENCE), name="financing_cap_range"
            ),
            models.CheckConstraint(
                condition=Q(matched__gte=0, matched__lte=models.F("cap")),
                name="financing_matched_within_cap",
            ),
            models.CheckConstraint(condition=Q(eligible__gte=0), name="financing_eligible"),
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {self.numerator} for every {self.denominator}"

    @property
    def initiative(self) -> Initiative:
        """The initiative the permission rules ask about."""
        return self.campaign.initiative


class Match(models.Model):
    """What one rule promised against one pledge; recorded for the funder when the pledge
    is honoured, released when it is withdrawn or lapses."""

    rule = models.ForeignKey(MatchRule, on_delete=models.PROTECT, related_name="matches")
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="matches")
    amount = models.BigIntegerField()
    released = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "pledge"], name="financing_match_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="financing_match_amount"),
        ]

    def __str__(self) -> str:
        return f"Match of pledge {self.pledge_id}: {self.amount} pence"


class ShareOffer(models.Model):
    """Community shares: members buy between ``min_shares`` and ``max_shares`` at
    ``share_price`` while the offer is open. One member, one vote, whatever the holding."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    share_price = models.BigIntegerField(help_text=_("pence"))
    min_shares = models.PositiveIntegerField()
    max_shares = models.PositiveIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    target = models.BigIntegerField(help_text=_("pence"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share_price__gt=0, share_price__lte=MAX_PENCE),
                name="financing_share_price",
            ),
            models.CheckConstraint(
                condition=Q(min_shares__gt=0, max_shares__gte=models.F("min_shares")),
                name="financing_holding_range",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="financing_offer_dates"
            ),
            models.CheckConstraint(
                condition=Q(target__gt=0, target__lte=MAX_PENCE), name="financing_offer_target"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("financing:offer", args=[self.initiative.slug, self.pk])


class ShareTransaction(AppendOnlyModel):
    """One line of the share ledger: shares bought (positive) or withdrawn (negative, a
    reversing entry). A holding is the sum of its lines; nothing is edited."""

    offer = models.ForeignKey(ShareOffer, on_delete=models.PROTECT, related_name="transactions")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shares = models.IntegerField()
    amount = models.BigIntegerField(help_text=_("pence, signed as the shares"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(shares=0), name="financing_shares_nonzero")
        ]


class GrantStatus(models.TextChoices):
    AWARDED = "awarded", _("Awarded")
    RECEIVED = "received", _("Received")


class Grant(models.Model):
    """Money from an organisation on conditions, with reports due on given days; received,
    it is a money contribution in the record attributed to the organisation."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=20, choices=Side.choices)
    amount = models.BigIntegerField(help_text=_("pence"))
    conditions = models.CharField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=GrantStatus.choices, default="awarded")
    received_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_PENCE), name="financing_grant_amount"
            )
        ]

    def __str__(self) -> str:
        return f"Grant from {self.organisation}"


class GrantReport(models.Model):
    """A report the grant's conditions ask for, due on a day; submitted or not."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="reports")
    due_on = models.DateField()
    submitted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "due_on"], name="financing_report_once")
        ]

    def __str__(self) -> str:
        return f"Report due {self.due_on}"

    @property
    def initiative(self) -> Initiative:
        """The initiative the permission rules ask about."""
        return self.grant.initiative


class Spending(AppendOnlyModel):
    """Money the initiative spent, as its coordinators report it: amount, purpose, day."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    amount = models.BigIntegerField(help_text=_("pence"))
    purpose = models.CharField(max_length=300)
    spent_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_PENCE), name="financing_spent_amount"
            )
        ]
