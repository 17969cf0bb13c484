"""The case library: published co-production cases, each kept as an initiative with its facts."""

from django.db import models
from django.db.models import Q

from coproduce.initiatives.models import Initiative


class LeadershipStyle(models.TextChoices):
    """The leadership that emerged, as the sources describe it (seed 001, Table A2)."""

    FACILITATIVE = "facilitative", "Facilitative"
    INTEGRATIVE = "integrative", "Integrative"
    COMMUNITY = "community", "Community"
    DISTRIBUTED = "distributed", "Distributed"
    CITIZEN_LED = "citizen_led", "Citizen-led"
    POLITICAL = "political", "Political sponsorship"
    LACKING = "lacking", "Lacking leadership"
    NOT_RECORDED = "not_recorded", "Not recorded"


class CaseStudy(models.Model):
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="case_study"
    )
    source = models.CharField(max_length=300, help_text="Who described the case, and where.")
    policy_phase = models.CharField(max_length=120, blank=True)
    participants = models.CharField(max_length=400, blank=True)
    motivation = models.CharField(max_length=400, blank=True)
    leadership_style = models.CharField(
        max_length=15, choices=LeadershipStyle.choices, default=LeadershipStyle.NOT_RECORDED
    )
    leadership_note = models.CharField(max_length=400, blank=True)
    typology = models.CharField(
        max_length=120, blank=True, help_text="Its cell in the planning × delivery matrix."
    )
    started = models.PositiveSmallIntegerField(null=True, blank=True)
    figures = models.JSONField(
        default=list, blank=True, help_text='A list of {"label": ..., "value": ...}.'
    )

    class Meta:
        ordering = ["initiative__title"]
        verbose_name_plural = "case studies"
        constraints = [
            models.CheckConstraint(
                condition=Q(leadership_style__in=LeadershipStyle.values),
                name="case_leadership_style_valid",
            )
        ]

    def __str__(self) -> str:
        return self.initiative.title
