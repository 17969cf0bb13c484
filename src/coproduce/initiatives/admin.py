from django.contrib import admin

from coproduce.initiatives.models import Goal, Initiative, Membership, Stage


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
    list_display = ("user", "initiative", "side", "role", "status", "is_coordinator")
    list_filter = ("side", "role", "status", "is_coordinator")
    search_fields = ("user__username", "initiative__title")
