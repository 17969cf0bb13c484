"""Organisations that lead or partner in initiatives."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PUBLIC_AGENCY = "public_agency", _("Public agency")
    THIRD_SECTOR = "third_sector", _("Third-sector body")
    COMMUNITY_GROUP = "community_group", _("Community group")
    BUSINESS = "business", _("Business")
    FUNDER = "funder", _("Funder")


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    locality = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name
