from django.contrib import admin

from coproduce.cases.models import CaseStudy


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ("initiative", "leadership_style", "policy_phase", "source")
    list_filter = ("leadership_style", "initiative__service_area", "initiative__country")
    search_fields = ("initiative__title", "source", "participants", "motivation")
