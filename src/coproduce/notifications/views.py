"""Notification pages: a person's list (mark one or all read), their preferences, and the
unsubscribe page that a signed link from an e-mail opens without signing in. Each parses,
calls a service or a selector, and renders."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from coproduce.core import gate
from coproduce.core.views import one_button_action, saved_form
from coproduce.notifications import selectors, services
from coproduce.notifications.forms import PreferencesForm
from coproduce.notifications.kinds import Kind
from coproduce.notifications.models import Notification

LIST = "/notifications/"


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), 30).get_page(request.GET.get("page"))
    unread = selectors.unread_count(request.user)
    return render(request, "notifications/list.html", {"page": page, "unread": unread})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = gate.get_object(
        request.user, Notification.objects.all(), "notifications.view", pk=pk
    )
    return one_button_action(
        request,
        lambda: services.notification_mark_read(actor=request.user, notification=notification),
        _("Marked as read."),
        back_under=LIST,
        fallback=LIST,
    )


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    return one_button_action(
        request,
        lambda: services.notifications_mark_all_read(actor=request.user),
        _("All your notifications are marked as read."),
        back_under=LIST,
        fallback=LIST,
    )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = services.delivery_of(int(request.user.pk or 0))
    form = PreferencesForm(request.POST or None, current=current)
    saved = saved_form(
        request,
        form,
        lambda data: services.preferences_set(actor=request.user, choices=data),
        _("Your choices are saved."),
        reverse("notifications:preferences"),
    )
    if saved is not None:
        return saved
    status = 400 if form.errors else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)


# A mail program's one-click unsubscribe (RFC 8058) posts without our CSRF token: the signed
# token in the address is what proves the request came from the e-mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        _person, kind = services.unsubscribe_read(token)
        if request.method == "POST":
            kinds, changed = services.unsubscribe(token=token)
        else:
            kinds, changed = [], False
    except ValidationError as error:
        problem: dict[str, Any] = {"problem": " ".join(error.messages)}
        return render(request, "notifications/unsubscribe.html", problem, status=400)
    context: dict[str, Any] = {
        "token": token,
        "kind_label": Kind(kind).label if kind in Kind.values else _("the daily digest"),
        "done": request.method == "POST",
        "changed": changed,
        "stopped": [Kind(k).label for k in kinds],
    }
    return render(request, "notifications/unsubscribe.html", context)
