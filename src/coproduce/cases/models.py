"""The case library: published co-production cases, each kept as an initiative with its facts."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative


class LeadershipStyle(models.TextChoices):
    """The leadership that emerged, as the sources describe it (docs/domain.md; 001 Table A2)."""

    FACILITATIVE = "facilitative", _("Facilitative")
    INTEGRATIVE = "integrative", _("Integrative")
    COMMUNITY = "community", _("Community")
    DISTRIBUTED = "distributed", _("Distributed")
    CITIZEN_LED = "citizen_led", _("Citizen-led")
    POLITICAL = "political", _("Political sponsorship")
    LACKING = "lacking", _("Lacking leadership")
    NOT_RECORDED = "not_recorded", _("Not recorded")


class CoproductionType(models.TextChoices):
    """Brandsen & Honingh's types of co-production (docs/domain.md), where a source gives one."""

    COMPLEMENTARY = "complementary", _("Complementary co-production")
    IMPLEMENTATION = "implementation", _("Co-production in implementation")
    FULL = "full", _("Full co-production")


SOURCE_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def validate_sources(sources: Any) -> None:
    """At least one source; each names its publication, its file and its lines [first, last]."""
    if not isinstance(sources, list) or not sources:
        raise ValidationError(_("A case cites at least one source."))
    for source in sources:
        if not isinstance(source, dict) or set(source) != {"document", "file", "lines"}:
            raise ValidationError(_('Each source is {"document": …, "file": …, "lines": […]}.'))
        lines = source["lines"]
        if not (
            isinstance(source["document"], str)
            and source["document"]
            and isinstance(source["file"], str)
            and SOURCE_FILE.fullmatch(source["file"])
            and isinstance(lines, list)
            and len(lines) == 2
            and all(type(n) is int for n in lines)
            and 1 <= lines[0] <= lines[1]
        ):
            raise ValidationError(
                _("Not a source a reader can find: %(source)r.") % {"source": source}
            )


class CaseStudy(models.Model):
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="case_study"
    )
    source = models.CharField(max_length=300, help_text=_("Who described the case, and where."))
    policy_phase = models.CharField(max_length=120, blank=True)
    participants = models.CharField(max_length=400, blank=True)
    motivation = models.CharField(max_length=400, blank=True)
    leadership_style = models.CharField(
        max_length=15, choices=LeadershipStyle.choices, default=LeadershipStyle.NOT_RECORDED
    )
    leadership_note = models.CharField(max_length=400, blank=True)
    typology = models.CharField(
        max_length=120, blank=True, help_text=_("Its cell in Bovaird's planning × delivery matrix.")
    )
    coproduction_type = models.CharField(
        max_length=15,
        choices=CoproductionType.choices,
        blank=True,
        help_text=_("Its Brandsen & Honingh type, where a source gives one."),
    )
    started = models.PositiveSmallIntegerField(null=True, blank=True)
    figures = models.JSONField(
        default=list, blank=True, help_text=_('A list of {"label": ..., "value": ...}.')
    )
    sources = models.JSONField(
        default=list,
        validators=[validate_sources],
        help_text=_(
            'Where its facts come from: [{"document": ..., "file": ..., "lines": '
            "[first, last]}], lines 1-based and inclusive."
        ),
    )
    platform_reading = models.CharField(
        max_length=400,
        blank=True,
        help_text=_("What the platform reads into the sources beyond what they state."),
    )

    class Meta:
        ordering = ["initiative__title"]
        verbose_name_plural = _("case studies")
        constraints = [
            models.CheckConstraint(
                condition=Q(leadership_style__in=LeadershipStyle.values),
                name="case_leadership_style_valid",
            ),
            models.CheckConstraint(
                condition=Q(coproduction_type__in=["", *CoproductionType.values]),
                name="case_coproduction_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.initiative.title
