"""Event pages: thin, through the same services and gate as the API."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.core.views import one_button_action, saved_form
from coproduce.events import ical, selectors, services
from coproduce.events.forms import (
    AttendanceForm,
    DotSetupForm,
    DotsForm,
    EventForm,
    NotesForm,
    RegisterForm,
)
from coproduce.events.models import Event
from coproduce.ideas.selectors import ideas_from_event, may_see_hidden
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.views import visible


def _event(request: HttpRequest, initiative: Initiative, pk: int) -> Event:
    mine = Event.objects.filter(initiative=initiative).select_related("initiative", "stage")
    return gate.get_object(request.user, mine, "events.view", pk=pk)


def _to_facilitate(request: HttpRequest, slug: str, pk: int) -> tuple[Initiative, Event]:
    """The initiative and event, for a coordinator or one of the event's facilitators."""
    initiative = visible(request, slug)
    event = _event(request, initiative, pk)
    gate.require(request.user, "events.facilitate", event)
    return initiative, event


def _detail(slug: str, pk: int) -> str:
    return reverse("events:detail", kwargs={"slug": slug, "pk": pk})


def _page(request: HttpRequest, template: str, context: dict[str, Any], form: Any) -> HttpResponse:
    bad = form is not None and form.is_bound and bool(form.errors)
    return render(request, template, context, status=400 if bad else 200)


def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "events.view", initiative)
    context = {
        "initiative": initiative,
        "upcoming": selectors.upcoming(initiative),
        "past": selectors.past(initiative),
        "can_manage": gate.allows(request.user, "events.manage", initiative),
    }
    return render(request, "events/list.html", context)


@login_required
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "events.manage", initiative)
    form = EventForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is published."))
            return redirect(_detail(slug, event.pk))
    context = {"initiative": initiative, "form": form, "heading": _("A new event")}
    return _page(request, "events/form.html", context, form)


@login_required
def event_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    event = _event(request, initiative, pk)
    gate.require(request.user, "events.manage", initiative)
    form = EventForm(request.POST or None, initiative=initiative, event=event)

    def save(data: dict[str, Any]) -> None:
        services.event_update(actor=request.user, event=event, **data)

    done = saved_form(request, form, save, _("The event is updated."), _detail(slug, pk))
    if done is not None:
        return done
    context = {
        "initiative": initiative,
        "form": form,
        "heading": _("Change %(title)s") % {"title": event.title},
    }
    return _page(request, "events/form.html", context, form)


def event_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    event = selectors.event_with_places(_event(request, initiative, pk))
    mine = selectors.registration_of(event, request.user)
    context = {
        "initiative": initiative,
        "event": event,
        "mine": mine,
        "position": selectors.waiting_position(mine) if mine else None,
        "started": event.starts_at <= timezone.now(),
        "can_register": gate.allows(request.user, "events.register", initiative),
        "can_manage": gate.allows(request.user, "events.manage", initiative),
        "can_facilitate": gate.allows(request.user, "events.facilitate", event),
        "attended": selectors.attendance_count(event),
        "results": selectors.dot_results(event),
        "ideas": ideas_from_event(event, may_see_hidden(request.user, initiative)),
        "can_post_idea": gate.allows(request.user, "ideas.post", initiative),
    }
    return render(request, "events/detail.html", context)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    event = _event(request, initiative, pk)
    return _ics(ical.calendar([event], event.title), f"event-{event.pk}.ics")


def initiative_ics(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "events.view", initiative)
    events = selectors.upcoming(initiative).select_related("initiative")
    return _ics(
        ical.calendar(events, _("%(title)s: events") % {"title": initiative.title}),
        f"{slug}-events.ics",
    )


@login_required
def register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    event = _event(request, initiative, pk)
    gate.require(request.user, "events.register", initiative)
    form = RegisterForm(request.POST or None)
    done = saved_form(
        request,
        form,
        lambda data: services.event_register(actor=request.user, event=event, **data),
        _("You are registered, or on the waiting list if the event is full."),
        _detail(slug, pk),
    )
    if done is not None:
        return done
    context = {"initiative": initiative, "event": event, "form": form}
    return _page(request, "events/register.html", context, form)


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    event = _event(request, initiative, pk)
    gate.require(request.user, "events.register", initiative)
    mine = selectors.registration_of(event, request.user)

    def work() -> None:
        if mine is None:
            raise ValidationError(_("You are not registered for this event."))
        services.registration_cancel(actor=request.user, registration=mine)

    back = _detail(slug, pk)
    return one_button_action(
        request, work, _("Your registration is cancelled."), back_under=back, fallback=back
    )


@login_required
def registrations(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who is coming and what they need: the coordinators' page."""
    initiative = visible(request, slug)
    event = _event(request, initiative, pk)
    gate.require(request.user, "events.manage", initiative)
    context = {
        "initiative": initiative,
        "event": event,
        "registrations": selectors.registrations_for(event),
    }
    return render(request, "events/registrations.html", context)


def _attendance_changes(form: AttendanceForm) -> tuple[dict, list]:
    """Who is present (with minutes, None for the whole event) and who is not, from the
    form; a walk-in who is not a member is a form error."""
    chosen = set(form.cleaned_data["present"])
    present: dict[Any, int | None] = {
        person: form.cleaned_data.get(f"minutes_{pk}")
        for pk, person in form.people.items()
        if pk in chosen
    }
    absent = [person for pk, person in form.people.items() if pk not in chosen]
    walk_in = form.cleaned_data["walk_in"]
    if walk_in is not None:
        present[walk_in] = None
    return present, absent


@login_required
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take attendance on a phone: tick who came; each attendee's time enters the record."""
    initiative, event = _to_facilitate(request, slug, pk)
    rows = selectors.attendance_sheet(event)
    initial: dict[str, Any] = {
        "present": [str(r.person.pk) for r in rows if r.attendance is not None]
    }
    for row in rows:
        if row.attendance is not None and row.attendance.minutes != event.minutes:
            initial[f"minutes_{row.person.pk}"] = row.attendance.minutes
    form = AttendanceForm(
        request.POST or None,
        initial=initial,
        people=[r.person for r in rows],
        event_minutes=event.minutes,
    )
    offer_members(form.fields["walk_in"], initiative)
    if request.method == "POST" and form.is_valid():
        try:
            present, absent = _attendance_changes(form)
            services.attendance_take(
                actor=request.user, event=event, present=present, absent=absent
            )
        except ValidationError as error:
            add_service_errors(form, error, {"person": "walk_in", "attendance": "present"})
        else:
            messages.success(request, _("Attendance is saved and each attendee's time recorded."))
            return redirect("events:attendance", slug=slug, pk=pk)
    context = {"initiative": initiative, "event": event, "form": form, "rows": rows}
    return _page(request, "events/attendance.html", context, form)


@login_required
def outputs(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The notes, and the dot-voting's options."""
    initiative, event = _to_facilitate(request, slug, pk)
    which = request.POST.get("part") if request.method == "POST" else None
    notes = NotesForm(request.POST if which == "notes" else None, initial={"notes": event.notes})
    options = list(event.dot_options.all())
    setup = DotSetupForm(
        request.POST if which == "options" else None,
        initial={
            "dots_per_person": event.dots_per_person or 3,
            "options": "\n".join(o.label for o in options),
        },
    )
    then = reverse("events:outputs", kwargs={"slug": slug, "pk": pk})
    done = saved_form(
        request,
        notes,
        lambda data: services.notes_set(actor=request.user, event=event, **data),
        _("The notes are saved."),
        then,
    ) or saved_form(
        request,
        setup,
        lambda data: services.dot_voting_set_up(
            actor=request.user,
            event=event,
            dots_per_person=data["dots_per_person"],
            options=data["options"].splitlines(),
        ),
        _("The dot-voting options are saved."),
        reverse("events:dots", kwargs={"slug": slug, "pk": pk}),
    )
    if done is not None:
        return done
    context = {"initiative": initiative, "event": event, "notes_form": notes, "setup_form": setup}
    bad = notes if which == "notes" else setup
    return _page(request, "events/outputs.html", context, bad)


@login_required
def dots(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Enter the dots each attendee placed, one attendee at a time."""
    initiative, event = _to_facilitate(request, slug, pk)
    options = list(event.dot_options.all())
    form = DotsForm(
        request.POST or None,
        people=selectors.attendees(event),
        options=options,
        dots=event.dots_per_person,
    )
    then = reverse("events:dots", kwargs={"slug": slug, "pk": pk})
    done = saved_form(
        request,
        form,
        lambda data: services.dots_enter(
            actor=request.user,
            event=event,
            person=form.people[data["person"]],
            counts=form.counts(),
        ),
        _("The dots are saved."),
        then,
    )
    if done is not None:
        return done
    entered = selectors.dots_by_person(event)
    table = [
        (person, [entered.get(person.pk, {}).get(o.pk, 0) for o in options])
        for person in form.people.values()
    ]
    context = {
        "initiative": initiative,
        "event": event,
        "form": form,
        "options": options,
        "table": table,
        "results": selectors.dot_results(event),
    }
    return _page(request, "events/dots.html", context, form)
