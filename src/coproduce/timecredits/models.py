"""Time credits: a double-entry, append-only ledger in whole minutes.

Every ``Transfer`` debits one account and credits another by the same number of minutes,
so the ledger sums to zero by construction. Transfers are never changed or deleted (database
triggers refuse it); a correction is a reversing transfer with a reason. Each account keeps
its balance, updated in the same locked transaction as the transfer that moves it, so a
balance is read without scanning history; ``coproduce ledger check`` proves every balance
equals the sum of its transfers. Database CHECKs keep every balance within its floor and
ceiling, whatever code runs.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.initiatives.models import Initiative
from coproduce.organisations.models import Organisation


class CreditPolicy(models.Model):
    """How an initiative runs its time credits (as Taff Housing's one credit an hour)."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="credit_policy"
    )
    minutes_per_hour = models.PositiveIntegerField(
        default=60,
        help_text=_("Credit earned per hour given, in minutes (60 = one credit an hour)."),
    )
    floor = models.IntegerField(
        default=0, help_text=_("Lowest balance a person may reach, in minutes (0 = no overdraft).")
    )
    ceiling = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Highest balance a person may hold, in minutes.")
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(floor__lte=0), name="tc_policy_floor_not_positive"),
            models.CheckConstraint(
                condition=Q(minutes_per_hour__gte=1) & Q(minutes_per_hour__lte=600),
                name="tc_policy_rate_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"Time credits in {self.initiative}"


class AccountKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    INITIATIVE = "initiative", _("The initiative (issues credits)")


class Account(models.Model):
    """Whose credits: a person, a partner organisation, or the initiative itself, which
    issues credits (its balance goes below zero by what is in circulation)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="credit_accounts"
    )
    kind = models.CharField(max_length=12, choices=AccountKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_accounts",
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    balance = models.BigIntegerField(default=0, help_text=_("Minutes; the sum of its transfers."))
    floor = models.BigIntegerField(null=True, blank=True, help_text=_("None: no lower limit."))
    ceiling = models.BigIntegerField(null=True, blank=True, help_text=_("None: no upper limit."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative_id", "kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AccountKind.values), name="tc_kind_valid"),
            models.CheckConstraint(
                condition=(
                    Q(kind="person", user__isnull=False, organisation__isnull=True)
                    | Q(kind="organisation", user__isnull=True, organisation__isnull=False)
                    | Q(kind="initiative", user__isnull=True, organisation__isnull=True)
                ),
                name="tc_owner_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(floor__isnull=True) | Q(balance__gte=F("floor")),
                name="tc_balance_above_floor",
            ),
            models.CheckConstraint(
                condition=Q(ceiling__isnull=True) | Q(balance__lte=F("ceiling")),
                name="tc_balance_below_ceiling",
            ),
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(user__isnull=False),
                name="tc_one_account_per_person",
            ),
            models.UniqueConstraint(
                fields=["initiative", "organisation"],
                condition=Q(organisation__isnull=False),
                name="tc_one_account_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(kind="initiative"),
                name="tc_one_issuing_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_name} ({self.get_kind_display().lower()})"

    @property
    def owner_name(self) -> str:
        return str(self.user or self.organisation or self.initiative)


class TransferKind(models.TextChoices):
    EARN = "earn", _("Earned for time given")
    GIFT = "gift", _("Gift")
    EXCHANGE = "exchange", _("Exchange of services")
    SPEND = "spend", _("Spent at a partner")
    CORRECTION = "correction", _("Correction")


class Transfer(AppendOnlyModel):
    """One movement: ``minutes`` leave ``debit`` and arrive in ``credit``."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=TransferKind.choices)
    # no index of their own: tc_transfer_debit and tc_transfer_credit lead with them, and each
    # index more is one more write on every transfer
    debit = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="debits", db_index=False
    )
    credit = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="credits", db_index=False
    )
    minutes = models.PositiveIntegerField()
    description = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["debit", "-created_at"], name="tc_transfer_debit"),
            models.Index(fields=["credit", "-created_at"], name="tc_transfer_credit"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0), name="tc_minutes_positive"),
            models.CheckConstraint(condition=~Q(debit=F("credit")), name="tc_two_accounts"),
            models.CheckConstraint(
                condition=Q(kind__in=TransferKind.values), name="tc_transfer_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""),
                name="tc_correction_has_reason",
            ),
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="tc_idempotency_key_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min from {self.debit} to {self.credit}"


class Partner(models.Model):
    """An organisation that takes time credits (a leisure centre, a theatre, a rugby club),
    with the people who redeem vouchers for it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    representatives = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "organisation"], name="tc_partner_once")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Offer(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="offers")
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=1000, blank=True)
    price = models.PositiveIntegerField(help_text=_("In minutes of credit."))
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["partner", "title"]
        constraints = [models.CheckConstraint(condition=Q(price__gt=0), name="tc_offer_price")]

    def __str__(self) -> str:
        return f"{self.title} at {self.partner}"

    @property
    def initiative(self) -> Initiative:
        return self.partner.initiative


class Voucher(models.Model):
    """What a member gets for credits spent at a partner: a code the partner redeems once."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="vouchers")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vouchers"
    )
    transfer = models.OneToOneField(Transfer, on_delete=models.PROTECT, related_name="voucher")
    code = models.CharField(max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(redeemed_at__isnull=True) | Q(redeemed_by__isnull=False),
                name="tc_voucher_redeemed_by_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer} for {self.holder}"

    @property
    def initiative(self) -> Initiative:
        return self.offer.partner.initiative
