from typing import Any

from django import forms
from django.contrib.admin.forms import AdminPasswordChangeForm as DjangoStaffPasswordChangeForm
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from coproduce.accounts import services
from coproduce.accounts.models import User


class SignUpForm(forms.Form):
    username = forms.RegexField(
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        label=_("Username"),
        help_text=_("Letters, digits and @ . + - _ only."),
        error_messages={"invalid": _("Use only letters, digits and @ . + - _ in a username.")},
    )
    display_name = forms.CharField(
        max_length=100,
        required=False,
        label=_("Display name"),
        help_text=_("The name others see. Optional."),
    )
    email = forms.EmailField(
        max_length=254, label=_("Email"), help_text=_("For resetting your password.")
    )
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords do not match."))
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "display_name",
            "email",
            "locality",
            "skills",
            "availability",
            "birth_year",
            "bio",
        ]
        labels = {"locality": _("Area you live in"), "birth_year": _("Year of birth (optional)")}
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


class RevokesTokensOnSave:
    """For Django's forms that set a password: the new password is stored by
    ``services.user_password_save``, which also revokes every API token the person holds
    (a token must not outlive the password it was obtained with)."""

    user: Any

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)  # type: ignore[misc]
        if commit:
            services.user_password_save(user=user)
        return user


class PasswordResetForm(RevokesTokensOnSave, auth_forms.SetPasswordForm):
    """The new password chosen through a reset link."""


class StaffPasswordChangeForm(RevokesTokensOnSave, DjangoStaffPasswordChangeForm):
    """A staff member's own new password, in the admin."""


class PasswordSetByStaffForm(RevokesTokensOnSave, auth_forms.AdminPasswordChangeForm):
    """A person's password (or none) set by a staff member in the admin."""
