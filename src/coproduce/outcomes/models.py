"""Outcomes: an initiative's indicators (what it measures, which way is better, whom it
serves), their baseline and targets, and the measurements taken over time, each a
co-assessment contribution in the record."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import AppendOnlyModel
from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative

VALUE_DIGITS, VALUE_PLACES = 14, 4


class BenefitGroup(models.TextChoices):
    """The five groups seed 004 names, each expecting its own benefits from co-production."""

    SERVICE_USERS = "service_users", _("Service users")
    CITIZENS = "citizens", _("Citizens and the community")
    FRONTLINE_STAFF = "frontline_staff", _("Frontline staff")
    TOP_MANAGERS = "top_managers", _("Top managers")
    POLITICIANS = "politicians", _("Politicians")


class Better(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class WhoMeasures(models.TextChoices):
    COORDINATORS = "coordinators", _("Coordinators only")
    MEMBERS = "members", _("Any active member")


class Indicator(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    measures = models.CharField(
        max_length=1000, help_text=_("What it measures, and how it is read.")
    )
    unit = models.CharField(max_length=40, help_text=_("e.g. days, %, people, £"))
    better = models.CharField(max_length=6, choices=Better.choices, default=Better.HIGHER)
    benefit_group = models.CharField(max_length=20, choices=BenefitGroup.choices)
    who_measures = models.CharField(
        max_length=12, choices=WhoMeasures.choices, default=WhoMeasures.COORDINATORS
    )
    baseline_value = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    baseline_on = models.DateField()
    baseline_source = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="outcomes_indicator_once"),
            models.CheckConstraint(
                condition=Q(better__in=Better.values), name="outcomes_indicator_better"
            ),
            models.CheckConstraint(
                condition=Q(benefit_group__in=BenefitGroup.values),
                name="outcomes_indicator_group",
            ),
            models.CheckConstraint(
                condition=Q(who_measures__in=WhoMeasures.values),
                name="outcomes_indicator_who",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A value the indicator should reach by a day; an indicator has several in time."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    due_on = models.DateField()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "due_on"], name="outcomes_target_once")
        ]

    def __str__(self) -> str:
        return f"{self.value} by {self.due_on}"


class Measurement(AppendOnlyModel):
    """One value measured on a day, by a member on the side their membership gives them.
    Append-only: what was measured stays as it was recorded (ADR 0029)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    value = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    measured_on = models.DateField()
    source = models.CharField(max_length=300)
    method = models.CharField(max_length=300, help_text=_("How it was measured."))
    measured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["-measured_on", "-pk"]
        indexes = [
            models.Index(fields=["indicator", "measured_on"], name="outcomes_measured_on"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(side__in=Side.values), name="outcomes_side")
        ]

    def __str__(self) -> str:
        return f"{self.value} on {self.measured_on}"


class MonthlyFigure(models.Model):
    """The measurements of one indicator in one month, kept as they are recorded (count and
    sum), so the chart reads a few rows, not every measurement (ADR 0029)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text=_("The first day of the month."))
    count = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=VALUE_DIGITS + 8, decimal_places=VALUE_PLACES, default=0)

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="outcomes_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.month:%b %Y}: {self.count}"
