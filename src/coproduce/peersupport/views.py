"""Peer-support pages: thin, through the same services and gate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.core.vocabulary import Side, StageKind
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.selectors import active_people, coordinators_of, stage_of
from coproduce.initiatives.views import visible
from coproduce.peersupport import selectors, services
from coproduce.peersupport.forms import AskForm, ConcernForm, SessionForm, SupporterForm
from coproduce.peersupport.models import Concern, Match, PeerSupporter, SupportRequest


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    can_manage = gate.allows(request.user, "peersupport.manage", initiative)
    if not can_manage:
        gate.require(request.user, "peersupport.ask", initiative)
    ask = AskForm(request.POST if "ask" in request.POST else None)
    register = SupporterForm(request.POST if "register" in request.POST and can_manage else None)
    offer_members(register.fields["person"], initiative)
    try:
        if ask.is_bound and ask.is_valid():
            services.support_ask(actor=request.user, initiative=initiative, **ask.cleaned_data)
            messages.success(
                request, _("Your request is in; a coordinator will match you with a supporter.")
            )
            return redirect("peersupport:overview", slug=slug)
        if register.is_bound and register.is_valid():
            services.supporter_register(
                actor=request.user, initiative=initiative, **register.cleaned_data
            )
            messages.success(request, _("The supporter is recorded."))
            return redirect("peersupport:overview", slug=slug)
    except ValidationError as error:
        add_service_errors(ask if ask.is_bound else register, error)
    context = {
        "initiative": initiative,
        "offered": stage_of(initiative, StageKind.CO_PERFORMING) is not None,
        "coordinators": coordinators_of(initiative),
        "ask_form": ask if ask.is_bound else AskForm(),
        "can_ask": gate.allows(request.user, "peersupport.ask", initiative),
        "matches": list(selectors.matches_of(initiative, request.user)),
        "concerns": selectors.concerns_for(request.user).filter(
            match__request__initiative=initiative
        ),
        "can_manage": can_manage,
        "supporters": PeerSupporter.objects.filter(initiative=initiative).select_related("person")
        if can_manage
        else [],
        "requests": [(r, selectors.suggestions(r)) for r in selectors.open_requests(initiative)]
        if can_manage
        else [],
        "register_form": register if can_manage else None,
    }
    status = 400 if ask.errors or register.errors else 200
    return render(request, "peersupport/overview.html", context, status=status)


@login_required
@require_POST
def match_make(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "peersupport.manage", initiative)
    support_request = gate.get_object(
        request.user,
        SupportRequest.objects.filter(initiative=initiative),
        "peersupport.manage",
        pk=pk,
    )
    supporter = PeerSupporter.objects.filter(
        initiative=initiative, pk=request.POST.get("supporter") or 0
    ).first()
    try:
        if supporter is None:
            raise ValidationError(_("Choose a supporter."))
        services.match_make(actor=request.user, request=support_request, supporter=supporter)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Matched with %(supporter)s.") % {"supporter": supporter})
    return redirect("peersupport:overview", slug=slug)


@login_required
def match_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    match = gate.get_object(
        request.user,
        Match.objects.filter(request__initiative=initiative).select_related(
            "request__requester", "supporter__person"
        ),
        "peersupport.view_match",
        pk=pk,
    )
    in_it = gate.allows(request.user, "peersupport.take_part", match)
    if request.method == "POST":
        gate.require(request.user, "peersupport.take_part", match)
    professionals = active_people(initiative, side=Side.REGULAR_PRODUCER).exclude(
        pk=request.user.pk  # a concern goes to someone else
    )
    session_form = SessionForm(request.POST if "log" in request.POST else None)
    concern_form = ConcernForm(
        request.POST if "concern" in request.POST else None, professionals=professionals
    )
    try:
        if "confirm" in request.POST:
            session = match.sessions.filter(pk=request.POST.get("confirm") or 0).first()
            if session is None:
                raise ValidationError(_("No such session."))
            services.session_confirm(actor=request.user, session=session)
            messages.success(request, _("The session is confirmed."))
            return redirect("peersupport:match", slug=slug, pk=pk)
        if session_form.is_bound and session_form.is_valid():
            services.session_log(actor=request.user, match=match, **session_form.cleaned_data)
            messages.success(request, _("The session is logged; the other person confirms it."))
            return redirect("peersupport:match", slug=slug, pk=pk)
        if concern_form.is_bound and concern_form.is_valid():
            concern = services.concern_raise(
                actor=request.user, match=match, **concern_form.cleaned_data
            )
            messages.success(
                request, _("Your concern went to %(person)s.") % {"person": concern.professional}
            )
            return redirect("peersupport:match", slug=slug, pk=pk)
    except ValidationError as error:
        if session_form.is_bound or concern_form.is_bound:
            add_service_errors(session_form if session_form.is_bound else concern_form, error)
        else:
            messages.error(request, " ".join(error.messages))
    context = {
        "initiative": initiative,
        "match": match,
        "sessions": match.sessions.select_related("logged_by", "confirmed_by"),
        "in_it": in_it,
        "session_form": session_form if session_form.is_bound else SessionForm(),
        "concern_form": concern_form
        if concern_form.is_bound
        else ConcernForm(professionals=professionals),
    }
    status = 400 if session_form.errors or concern_form.errors else 200
    return render(request, "peersupport/match.html", context, status=status)


@login_required
def concern_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    concern = gate.get_object(
        request.user,
        Concern.objects.filter(match__request__initiative=initiative).select_related(
            "raised_by", "professional"
        ),
        "peersupport.view_concern",
        pk=pk,
    )
    if request.method == "POST" and "acknowledge" in request.POST:
        try:
            services.concern_acknowledge(actor=request.user, concern=concern)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Acknowledged."))
        return redirect("peersupport:concern", slug=slug, pk=pk)
    return render(
        request, "peersupport/concern.html", {"initiative": initiative, "concern": concern}
    )
