from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from coproduce.accounts.models import User


@admin.register(User)
class CoproduceUserAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Profile", {"fields": ("display_name", "locality", "bio")}),
    )
    list_display = ("username", "display_name", "email", "is_staff")
