"""The pages of personal outcomes. A person's readings are shown only to them and their
paired worker (the gate answers "not found" to anyone else); the coordinators define the
scale, pair people and see the change across people."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.models import Initiative, Membership
from coproduce.initiatives.views import visible
from coproduce.personaloutcomes import charts, selectors, services
from coproduce.personaloutcomes.forms import PairingForm, ReadingForm, ScaleForm
from coproduce.personaloutcomes.models import Pairing, Reading, Scale


def _rendered(request: HttpRequest, template: str, context: dict[str, Any], form: Any) -> Any:
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, template, context, status=status)


@login_required
def scale(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "personaloutcomes.define_scale", initiative)
    found = selectors.scale_of(initiative)
    form = ScaleForm(request.POST if request.method == "POST" else None, scale=found)
    if form.is_bound and form.is_valid():
        try:
            services.scale_define(
                actor=request.user,
                initiative=initiative,
                name=form.cleaned_data["name"],
                labels=form.labels(),
                domains=form.domain_list(),
            )
        except ValidationError as error:
            add_service_errors(form, error, {"labels": "label_1"})
        else:
            messages.success(request, _("The scale is saved."))
            return redirect("personaloutcomes:scale", slug=slug)
    context = {"initiative": initiative, "scale": found, "form": form}
    return _rendered(request, "personaloutcomes/scale.html", context, form)


@login_required
def pairings(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    gate.require(request.user, "personaloutcomes.view_pairings", initiative)
    people, workers = selectors.pairing_choices(initiative)
    form = None
    if request.method == "POST":
        gate.require(request.user, "personaloutcomes.pair", initiative)
        if "end" in request.POST:
            pairing = gate.get_object(
                request.user,
                Pairing.objects.filter(initiative=initiative, ended_at__isnull=True),
                "personaloutcomes.pair",
                pk=request.POST["end"],
            )
            services.pairing_end(actor=request.user, pairing=pairing)
            messages.success(request, _("The pairing has ended."))
            return redirect("personaloutcomes:pairings", slug=slug)
        form = PairingForm(request.POST, people=people, workers=workers)
        if form.is_valid():
            users = get_user_model().objects.in_bulk(
                [form.cleaned_data["person"], form.cleaned_data["worker"]]
            )
            try:
                services.pairing_make(
                    actor=request.user,
                    initiative=initiative,
                    person=users.get(int(form.cleaned_data["person"])),
                    worker=users.get(int(form.cleaned_data["worker"])),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("They are paired."))
                return redirect("personaloutcomes:pairings", slug=slug)
    form = form or PairingForm(people=people, workers=workers)
    context = {
        "initiative": initiative,
        "pairings": selectors.live_pairings(initiative),
        "form": form,
        "can_pair": gate.allows(request.user, "personaloutcomes.pair", initiative),
    }
    return _rendered(request, "personaloutcomes/pairings.html", context, form)


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    """The people a worker works with, each a link to their progress."""
    initiative = visible(request, slug)
    gate.require(request.user, "personaloutcomes.view_own_people", initiative)
    context = {"initiative": initiative, "people": selectors.people_of(request.user, initiative)}
    return render(request, "personaloutcomes/people.html", context)


def _membership(request: HttpRequest, initiative: Initiative, person_id: int, perm: str) -> Any:
    return gate.get_object(
        request.user,
        Membership.objects.filter(initiative=initiative).select_related("user"),
        perm,
        user_id=person_id,
    )


def _charts(scale: Scale, rows: list[selectors.Row]) -> dict[str, Any]:
    domains = list(scale.domains.all())
    first, latest = selectors.first_and_latest(rows)
    standing = [row for row in rows if not row.replaced]
    lines = []
    for index, domain in enumerate(domains):
        points = [
            (row.reading.taken_on, score)
            for row in standing
            if (score := row.scores[index]) is not None
        ]
        lines.append(
            {
                "domain": domain,
                "points": points,
                "line": charts.line([d for d, _ in points], [s for _, s in points]),
            }
        )
    radar = None
    if first is not None and latest is not None:
        radar = charts.radar([d.name for d in domains], first.scores, latest.scores)
    compared = []
    if first is not None and latest is not None:
        compared = [
            {"domain": d, "first": a, "latest": b}
            for d, a, b in zip(domains, first.scores, latest.scores, strict=True)
        ]
    notes = [
        (row.reading.taken_on, domain.name, note)
        for row in standing
        for domain, note in zip(domains, row.notes, strict=True)
        if note
    ]
    return {
        "domains": domains,
        "notes": notes,
        "first": first,
        "latest": latest,
        "radar": radar,
        "compared": compared,
        "lines": lines,
    }


@never_cache  # a person's own scores: no cache keeps them
@login_required
def person(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    """A person's progress: for them and their paired worker only."""
    initiative = visible(request, slug)
    membership = _membership(request, initiative, person_id, "personaloutcomes.view_readings")
    found = selectors.scale_of(initiative)
    rows = selectors.history(found, membership.user) if found is not None else []
    correctable = {
        row.reading.pk
        for row in rows
        if not row.replaced and services.within_correction_time(row.reading)
    }
    context = {
        "initiative": initiative,
        "person": membership.user,
        "is_self": membership.user_id == request.user.pk,
        "scale": found,
        "rows": rows,
        "correctable": correctable,
        "can_take": gate.allows(request.user, "personaloutcomes.take_reading", membership),
        "correction_days": services.CORRECTION_DAYS,
        **(_charts(found, rows) if found is not None else {}),
    }
    return render(request, "personaloutcomes/person.html", context)


def _reading_page(
    request: HttpRequest,
    initiative: Initiative,
    person: Any,
    scale: Scale,
    write: Callable[..., Reading],
    correcting: Reading | None = None,
) -> HttpResponse:
    """The form for a reading (a new one, or the correction of ``correcting``): on a valid
    post, ``write(taken_on=…, scores=…, notes=…)`` saves it."""
    earlier = None
    if correcting is not None:
        earlier = {row.reading.pk: row for row in selectors.history(scale, person)}[correcting.pk]
    form = ReadingForm(
        request.POST if request.method == "POST" else None,
        scale=scale,
        domains=list(scale.domains.all()),
        initial_scores=earlier,
    )
    if form.is_bound and form.is_valid():
        try:
            write(taken_on=form.day(), scores=form.scores(), notes=form.notes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reading is saved."))
            return redirect("personaloutcomes:person", slug=initiative.slug, person_id=person.pk)
    context = {
        "initiative": initiative,
        "person": person,
        "scale": scale,
        "form": form,
        "correcting": correcting,
    }
    return _rendered(request, "personaloutcomes/reading_form.html", context, form)


@never_cache
@login_required
def reading_new(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    initiative = visible(request, slug)
    membership = _membership(request, initiative, person_id, "personaloutcomes.view_readings")
    gate.require(request.user, "personaloutcomes.take_reading", membership)
    found = selectors.scale_of(initiative)
    if found is None:
        messages.error(request, services.NO_SCALE)
        return redirect("personaloutcomes:person", slug=slug, person_id=person_id)
    write = partial(services.reading_take, actor=request.user, membership=membership)
    return _reading_page(request, initiative, membership.user, found, write)


@never_cache
@login_required
def reading_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    reading = gate.get_object(
        request.user,
        Reading.objects.filter(scale__initiative=initiative).select_related("scale", "person"),
        "personaloutcomes.correct_reading",
        pk=pk,
    )
    write = partial(services.reading_correct, actor=request.user, reading=reading)
    return _reading_page(request, initiative, reading.person, reading.scale, write, reading)


@login_required
def change(request: HttpRequest, slug: str) -> HttpResponse:
    """The change across people, per domain: counts only, small groups suppressed."""
    initiative = visible(request, slug)
    gate.require(request.user, "personaloutcomes.view_change", initiative)
    found = selectors.scale_of(initiative)
    context = {
        "initiative": initiative,
        "scale": found,
        "changes": selectors.change_across_people(found) if found is not None else [],
        "min_people": selectors.MIN_PEOPLE,
    }
    return render(request, "personaloutcomes/change.html", context)
