from django.contrib import admin

from coproduce.search.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    """Read-only: the index is written by the services and ``search_reindex`` alone."""

    list_display = ("title", "kind", "initiative", "listed", "updated_at")
    list_filter = ("kind", "listed")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
