"""Account pages: thin wrappers that hand valid input to the services."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST
from django_ratelimit.exceptions import Ratelimited
from knox.settings import knox_settings

from coproduce.accounts import selectors, services
from coproduce.accounts.forms import ProfileForm, SignUpForm
from coproduce.accounts.models import User
from coproduce.core.forms import add_service_errors
from coproduce.core.ratelimits import (
    password_door,
    sign_up_door,
    sign_up_made,
    sign_ups_used_up,
)
from coproduce.initiatives.selectors import memberships_of


@sign_up_door
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and sign_ups_used_up(request):
        raise Ratelimited()
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            sign_up_made(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Coproduce. Your account is ready."))
            return redirect("accounts:profile")
    status = 400 if form.errors else 200
    return render(request, "accounts/sign_up.html", {"form": form}, status=status)


@method_decorator(password_door, name="post")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    status = 400 if form.errors else 200
    if form.errors:
        user.refresh_from_db()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": memberships_of(user),
            "tokens": selectors.tokens_of(user),
            "token_ttl_days": knox_settings.TOKEN_TTL.days,
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: str) -> HttpResponse:
    """Revoke one of your API tokens (listed on your profile); another's is not found."""
    user = cast(User, request.user)
    token = selectors.token_of(user, token_id)
    if token is None:
        raise Http404
    services.token_revoke(actor=user, token=token)
    messages.success(
        request, _("The token %(start)s… is revoked.") % {"start": token.token_key[:8]}
    )
    return redirect("accounts:profile")


def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's own (a cookie, then back to the page), and, for a
    signed-in person, the choice kept on their account for the e-mails they are sent."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response
