from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from coproduce.initiatives.models import Goal, Initiative, Membership, SideChange, Stage


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "service_area", "locality", "country", "visibility")
    list_filter = ("service_area", "visibility", "country")
    search_fields = ("title", "summary", "locality")
    inlines = [StageInline, GoalInline]
    prepopulated_fields = {"slug": ("title",)}


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
