"""Equality monitoring: a person's own answers, kept with their consent, and the locality's
distribution each initiative compares its participants with.

A profile is seen by its owner alone: no page, admin page, API or export shows one, and
the figures made from profiles count people in groups of 5 or more (ADR 0027). Withdrawing
consent deletes the row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.equality.vocabulary import CHARACTERISTIC_CHOICES, CHARACTERISTICS
from coproduce.initiatives.models import Initiative


def _answer(key: str) -> models.CharField:
    found = CHARACTERISTICS[key]
    return models.CharField(
        found.label, max_length=20, choices=found.choices.choices, blank=True, default=""
    )


class EqualityProfile(models.Model):
    """One person's answers; a blank answer is a question not answered. The row exists only
    while its owner consents to it (``consented_at``: when they last did)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="equality_profile",
    )
    consented_at = models.DateTimeField()
    age_band = _answer("age_band")
    gender = _answer("gender")
    ethnic_group = _answer("ethnic_group")
    disability = _answer("disability")
    caring = _answer("caring")
    deprivation_band = _answer("deprivation_band")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{key}__in": ["", *found.categories]}),
                name=f"equality_profile_{key}",
            )
            for key, found in CHARACTERISTICS.items()
        ]

    def __str__(self) -> str:
        return str(_("Equality profile"))  # never the answers, wherever it is printed


class LocalityBaseline(models.Model):
    """The share of the initiative's locality in each answer to one question (census or
    survey figures), with where they come from. ``shares`` maps each answer that takes a
    share to it in tenths of a percent (512 is 51.2%)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="equality_baselines"
    )
    characteristic = models.CharField(max_length=20, choices=CHARACTERISTIC_CHOICES)
    shares = models.JSONField()
    source = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["initiative", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "characteristic"], name="equality_baseline_once"
            ),
            models.CheckConstraint(
                condition=Q(characteristic__in=list(CHARACTERISTICS)),
                name="equality_baseline_characteristic",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100), name="equality_baseline_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{CHARACTERISTICS[self.characteristic].label} in {self.initiative}"
