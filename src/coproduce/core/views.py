"""Pages that belong to no single capability."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coproduce.core import apidocs
from coproduce.core.forms import add_service_errors
from coproduce.core.queries import database_reachable


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitors: 200 while the app can reach its database, else 503."""
    if database_reachable():
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "the database does not answer"}, status=503)


@require_safe
def api_reference(request: HttpRequest) -> HttpResponse:
    """The API's routes, read from its OpenAPI document (DRF's browsable pages are off)."""
    groups = apidocs.reference()
    return render(
        request,
        "api_reference.html",
        {
            "groups": groups,
            "operations": sum(len(group.operations) for group in groups),
            "schema_url": reverse("api:schema"),
        },
    )


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(
        request,
        "error.html",
        {
            "title": _("Too many attempts"),
            "message": _("You have tried this too many times. Please wait a minute and try again."),
        },
        status=429,
    )


def one_button_action(
    request: HttpRequest, work: Callable[[], Any], done: str, *, back_under: str, fallback: str
) -> HttpResponse:
    """Run a one-button action; say what happened, or why not, and go back to the page it
    came from (the form's ``next``, if it is under ``back_under``) or to ``fallback``."""
    try:
        work()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith(back_under) else fallback)


def saved_form(
    request: HttpRequest, form: Any, save: Callable[[dict[str, Any]], Any], done: str, then: str
) -> HttpResponse | None:
    """On a POST with a valid form, hand its data to a service; on success say ``done`` and
    redirect to ``then``. None when there is nothing to save, or the form now shows why not."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, done)
    return redirect(then)
