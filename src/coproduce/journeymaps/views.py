"""Journey map pages: thin, through the same services, selectors and gate as the API."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import gate
from coproduce.core.downloads import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import active_people
from coproduce.initiatives.views import visible
from coproduce.journeymaps import selectors, services
from coproduce.journeymaps.forms import (
    JourneyMapForm,
    MoveForm,
    NoteForm,
    NoteIdeaForm,
    PainPointForm,
    RemoveForm,
    StageForm,
)
from coproduce.journeymaps.models import JourneyMap, JourneyNote, JourneyStage, NoteKind


def _map(request: HttpRequest, initiative: Initiative, pk: int) -> JourneyMap:
    return gate.get_object(
        request.user,
        JourneyMap.objects.filter(initiative=initiative).select_related("initiative"),
        "journeymaps.view_map",
        pk=pk,
    )


def _stage(request: HttpRequest, journey_map: JourneyMap, pk: int) -> JourneyStage:
    stage = gate.get_object(
        request.user,
        JourneyStage.objects.filter(journey_map=journey_map),
        "journeymaps.view_map",
        pk=pk,
    )
    stage.journey_map = journey_map
    return stage


def _note(request: HttpRequest, journey_map: JourneyMap, pk: int) -> JourneyNote:
    note = gate.get_object(
        request.user,
        JourneyNote.objects.filter(
            stage__journey_map=journey_map, removed_at__isnull=True
        ).select_related("stage", "author", "idea"),
        "journeymaps.view_map",
        pk=pk,
    )
    note.stage.journey_map = journey_map
    return note


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context.get("form")
    status = 400 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


def _saved(
    request: HttpRequest, form: Any, save: Callable[[dict[str, Any]], Any], message: str
) -> Any:
    """A bound, valid form's data handed to a service: what it saved, with ``message`` for the
    person; None when the form is unbound or invalid or the service refused (its reasons then
    stand on the form, by field)."""
    if not (form.is_bound and form.is_valid()):
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, message)
    return saved


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    context = {
        "initiative": initiative,
        "maps": selectors.maps_of(initiative),
        "can_manage": gate.allows(request.user, "journeymaps.manage", initiative),
    }
    return render(request, "journeymaps/overview.html", context)


@login_required
def map_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    initiative = visible(request, slug)
    journey_map = None if pk is None else _map(request, initiative, pk)
    gate.require(request.user, "journeymaps.manage", initiative)
    initial = (
        {
            "title": journey_map.title,
            "description": journey_map.description,
            "editors": list(journey_map.editors.all()),
        }
        if journey_map
        else None
    )
    form = JourneyMapForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        members=active_people(initiative).order_by("display_name", "username"),
    )
    saved = _saved(
        request,
        form,
        lambda data: services.journey_map_save(
            actor=request.user, initiative=initiative, journey_map=journey_map, **data
        ),
        _("The journey map is saved."),
    )
    if saved is not None:
        target = "journeymaps:stages" if journey_map is None else "journeymaps:map"
        return redirect(target, slug=slug, pk=saved.pk)
    context = {"initiative": initiative, "journey_map": journey_map, "form": form}
    return _page(request, "journeymaps/map_form.html", context)


def journey_map(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    found = _map(request, initiative, pk)
    user = request.user
    stages = selectors.grid(found)
    context = {
        "initiative": initiative,
        "journey_map": found,
        "stages": stages,
        "sides": stages[0].sides if stages else [],
        "differences": selectors.differences(stages),
        "rules": selectors.RULES,
        "min_for_mean": selectors.MIN_FOR_MEAN,
        "apart": selectors.SEEN_DIFFERENTLY_AT,
        "can_add": gate.allows(user, "journeymaps.add_note", found),
        "can_manage": gate.allows(user, "journeymaps.manage", initiative),
        "can_manage_stages": gate.allows(user, "journeymaps.manage_stages", found),
        "see_authors": gate.allows(user, "journeymaps.see_authors", initiative),
    }
    return render(request, "journeymaps/map.html", context)


def map_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _map(request, visible(request, slug), pk)
    return csv_response(f"journey-map-{slug}-{found.pk}.csv", selectors.csv_rows(found))


@login_required
def note_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    found = _map(request, initiative, pk)
    gate.require(request.user, "journeymaps.add_note", found)
    stages = list(JourneyStage.objects.filter(journey_map=found))
    initial = {"stage": request.GET.get("stage", ""), "feeling": ""}
    form = NoteForm(
        request.POST if request.method == "POST" else None, initial=initial, stages=stages
    )
    added = _saved(
        request,
        form,
        lambda data: services.journey_note_add(actor=request.user, journey_map=found, **data),
        _("Your note is on the map."),
    )
    if added is not None:
        return redirect(added.get_absolute_url())
    context = {"initiative": initiative, "journey_map": found, "form": form, "stages": stages}
    return _page(request, "journeymaps/note_form.html", context)


@login_required
def stages(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    found = _map(request, initiative, pk)
    gate.require(request.user, "journeymaps.manage_stages", found)
    form = StageForm(request.POST if request.method == "POST" else None)
    if _saved(
        request,
        form,
        lambda data: services.journey_stage_add(actor=request.user, journey_map=found, **data),
        _("The stage is added at the end of the journey."),
    ):
        return redirect("journeymaps:stages", slug=slug, pk=pk)
    context = {
        "initiative": initiative,
        "journey_map": found,
        "stages": list(JourneyStage.objects.filter(journey_map=found)),
        "form": form,
    }
    return _page(request, "journeymaps/stages.html", context)


@login_required
def stage_edit(request: HttpRequest, slug: str, pk: int, stage_pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    found = _map(request, initiative, pk)
    stage = _stage(request, found, stage_pk)
    gate.require(request.user, "journeymaps.manage_stages", stage)
    form = StageForm(
        request.POST if request.method == "POST" else None, initial={"name": stage.name}
    )
    if _saved(
        request,
        form,
        lambda data: services.journey_stage_rename(actor=request.user, stage=stage, **data),
        _("The stage is renamed."),
    ):
        return redirect("journeymaps:stages", slug=slug, pk=pk)
    context = {"initiative": initiative, "journey_map": found, "stage": stage, "form": form}
    return _page(request, "journeymaps/stage_form.html", context)


def _one_button(
    request: HttpRequest,
    form: Any,
    problem: dict[str, str],
    act: Callable[[dict[str, Any]], tuple[str, str]],
    back: str,
) -> HttpResponse:
    """A one-button form's POST: the service's answer as a message, then back to a page
    (``act`` returns the message and where to go; a refusal goes ``back`` with its words)."""
    try:
        if not form.is_valid():
            raise ValidationError(problem)
        message, target = act(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, message)
    return redirect(target)


@login_required
@require_POST
def stage_move(request: HttpRequest, slug: str, pk: int, stage_pk: int) -> HttpResponse:
    found = _map(request, visible(request, slug), pk)
    stage = _stage(request, found, stage_pk)
    gate.require(request.user, "journeymaps.manage_stages", stage)
    back = reverse("journeymaps:stages", args=[slug, pk])

    def move(data: dict[str, Any]) -> tuple[str, str]:
        moved = services.journey_stage_move(
            actor=request.user, stage=stage, position=data["position"]
        )
        return _("%(stage)s is now stage %(position)s.") % {
            "stage": moved.name,
            "position": moved.position,
        }, back

    problem = {"position": _("Give the stage's place as a whole number.")}
    return _one_button(request, MoveForm(request.POST), problem, move, back)


def note(request: HttpRequest, slug: str, pk: int, note_pk: int) -> HttpResponse:
    """One note, with the forms to remove it and (for a pain point) to set its status."""
    initiative = visible(request, slug)
    found = _map(request, initiative, pk)
    shown = _note(request, found, note_pk)
    user = request.user
    remove_form = RemoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        gate.require(user, "journeymaps.remove_note", shown)
        if _saved(
            request,
            remove_form,
            lambda data: services.journey_note_remove(actor=user, note=shown, **data),
            _("The note is removed from the map."),
        ):
            return redirect(found.get_absolute_url())
    can_mark = shown.kind == "pain_point" and gate.allows(
        user, "journeymaps.mark_pain_point", shown
    )
    context = {
        "initiative": initiative,
        "journey_map": found,
        "note": shown,
        "see_authors": gate.allows(user, "journeymaps.see_authors", initiative),
        "form": remove_form if gate.allows(user, "journeymaps.remove_note", shown) else None,
        "status_form": PainPointForm(initial={"status": shown.status}) if can_mark else None,
        "can_post_idea": shown.kind in (NoteKind.PAIN_POINT, NoteKind.IDEA)
        and shown.idea_id is None
        and gate.allows(user, "ideas.post", initiative),
    }
    return _page(request, "journeymaps/note.html", context)


@login_required
def note_idea(request: HttpRequest, slug: str, pk: int, note_pk: int) -> HttpResponse:
    """Post a pain point (or an idea note) as an idea: a form prefilled from the note."""
    initiative = visible(request, slug)
    found = _map(request, initiative, pk)
    shown = _note(request, found, note_pk)
    gate.require(request.user, "ideas.post", initiative)
    initial = {"title": shown.stage.name, "text": shown.text}
    form = NoteIdeaForm(request.POST if request.method == "POST" else None, initial=initial)
    idea = _saved(
        request,
        form,
        lambda data: services.note_to_idea(actor=request.user, note=shown, **data),
        _("The idea is posted; the note links to it."),
    )
    if idea is not None:
        return redirect(reverse("ideas:detail", args=[slug, idea.pk]))
    context = {"initiative": initiative, "journey_map": found, "note": shown, "form": form}
    return _page(request, "journeymaps/note_idea.html", context)


@login_required
@require_POST
def note_status(request: HttpRequest, slug: str, pk: int, note_pk: int) -> HttpResponse:
    found = _map(request, visible(request, slug), pk)
    shown = _note(request, found, note_pk)
    gate.require(request.user, "journeymaps.mark_pain_point", shown)

    def mark(data: dict[str, Any]) -> tuple[str, str]:
        marked = services.pain_point_mark(actor=request.user, note=shown, status=data["status"])
        return (
            _("The pain point is marked %(status)s.")
            % {"status": marked.get_status_display().lower()},
            shown.get_absolute_url(),
        )

    back = reverse("journeymaps:note", args=[slug, pk, note_pk])
    problem = {"status": _("Choose open or taken up.")}
    return _one_button(request, PainPointForm(request.POST), problem, mark, back)
