"""Read-only admin for the record: staff may inspect it, never edit or delete it."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from coproduce.record.models import Contribution, ContributionVerification, Decision
from coproduce.record.selectors import entries_shown_to


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ("initiative", "contributor", "side", "kind", "quantity", "unit", "occurred_on")
    list_filter = ("side", "kind", "unit")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Contribution]:
        """What the record lists to anyone: no one's votes (who voted, when, is the voter's
        alone; ADR 0021), nor the entries a capability lists to their contributor alone."""
        return super().get_queryset(request).filter(entries_shown_to())


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("initiative", "title", "decided_by", "rule", "decided_on")
    list_filter = ("decided_by", "rule")


@admin.register(ContributionVerification)
class VerificationAdmin(ReadOnlyAdmin):
    list_display = ("contribution", "verified_by", "verified_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContributionVerification]:
        shown = Contribution.objects.filter(entries_shown_to())
        return super().get_queryset(request).filter(contribution__in=shown)
