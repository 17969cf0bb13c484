from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from coproduce.accounts.forms import PasswordSetByStaffForm
from coproduce.accounts.models import User


@admin.register(User)
class CoproduceUserAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Profile", {"fields": ("display_name", "locality", "bio")}),
    )
    list_display = ("username", "display_name", "email", "is_staff")
    change_password_form = PasswordSetByStaffForm  # a new password revokes the API tokens
