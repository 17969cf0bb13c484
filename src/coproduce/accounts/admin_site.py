"""Django's admin site with the platform's rules on passwords: its login and its password
change count against the one limit on password attempts (``core.ratelimits``), and a new
password revokes the person's API tokens (``accounts.forms.RevokesTokensOnSave``).

Installed in place of ``django.contrib.admin`` by ``AdminConfig`` (its ``default_site``),
so ``admin.site`` and every ``@admin.register`` use it.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse

from coproduce.core.ratelimits import refuse_password_attempt


class CoproduceAdminSite(admin.AdminSite):
    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        refuse_password_attempt(request)
        return super().login(request, extra_context)

    def password_change(  # type: ignore[override]
        self, request: HttpRequest, extra_context: Any = None
    ) -> HttpResponseBase:
        """Django's own view and template, with a form that revokes the staff member's
        tokens when the password changes (Django's admin names its form in code)."""
        from django.contrib.auth.views import PasswordChangeView

        from coproduce.accounts.forms import StaffPasswordChangeForm

        refuse_password_attempt(request)
        defaults: dict[str, Any] = {
            "form_class": StaffPasswordChangeForm,
            "success_url": reverse("admin:password_change_done", current_app=self.name),
            "extra_context": {**self.each_context(request), **(extra_context or {})},
        }
        if self.password_change_template is not None:
            defaults["template_name"] = self.password_change_template
        request.current_app = self.name
        return PasswordChangeView.as_view(**defaults)(request)


class AdminConfig(DjangoAdminConfig):
    default_site = "coproduce.accounts.admin_site.CoproduceAdminSite"
