from django.contrib import admin

from coproduce.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "locality")
    list_filter = ("kind",)
    search_fields = ("name", "locality")
