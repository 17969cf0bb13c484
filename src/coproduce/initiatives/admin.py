from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from coproduce.initiatives.models import (
    DiagnosticSettings,
    Goal,
    Initiative,
    Membership,
    SideChange,
    Stage,
    StageDeclaration,
)
from coproduce.record.admin import ReadOnlyAdmin


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    """Who may read an initiative changes only on its own page (``initiative_update``),
    which moves the search index's edition on, so no search page kept for visitors shows a
    private initiative; its address never changes once made, so their links stay good. An
    initiative is never deleted here: its index entry would go without the edition moving
    on, and kept search pages would still show it."""

    list_display = ("title", "service_area", "locality", "country", "visibility")
    list_filter = ("service_area", "visibility", "country")
    search_fields = ("title", "summary", "locality")
    inlines = [StageInline, GoalInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("slug", "visibility") if obj is not None else ()

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {} if obj is not None else {"slug": ("title",)}

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Read-only where it grants anything: a side, a status or a power changes only through
    the services, where another person approves it and the record keeps the decision."""

    list_display = (
        "user",
        "initiative",
        "side",
        "role",
        "status",
        "is_coordinator",
        "is_reviewer",
    )
    list_filter = ("side", "role", "status", "is_coordinator", "is_reviewer")
    search_fields = ("user__username", "initiative__title")
    readonly_fields = (
        "initiative",
        "user",
        "side",
        "role",
        "status",
        "is_coordinator",
        "is_reviewer",
        "invited_by",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SideChange)
class SideChangeAdmin(admin.ModelAdmin):
    list_display = ("membership", "from_side", "side", "status", "requested_at", "decided_by")
    list_filter = ("status", "side")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Shown to staff, changed only through the services, which check each value and (for
# declarations) write the record.
@admin.register(DiagnosticSettings)
class DiagnosticSettingsAdmin(ReadOnlyAdmin):
    list_display = (
        "initiative",
        "threshold",
        "low_rate_pence",
        "high_rate_pence",
        "weekly_cap_minutes",
        "updated_by",
        "updated_at",
    )
    search_fields = ("initiative__title",)


@admin.register(StageDeclaration)
class StageDeclarationAdmin(ReadOnlyAdmin):
    list_display = ("stage", "planning", "delivery", "assessment", "declared_by", "declared_on")
    list_filter = ("planning", "delivery", "assessment")
    search_fields = ("stage__initiative__title", "evidence")
