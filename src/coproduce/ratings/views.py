"""Ratings pages: the initiative's ratings, one thing's ratings with the form to rate it,
a coordinator's answer, the "you said, we did" list and the CSV downloads."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from coproduce.core import gate
from coproduce.core.downloads import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.views import visible
from coproduce.ratings import selectors, services, things
from coproduce.ratings.forms import AnswerForm, RatingForm
from coproduce.ratings.models import MIN_FOR_MEAN, Rating
from coproduce.ratings.things import PUBLIC_KINDS, Thing

STAR_COLUMNS = [f"{s} stars" for s in selectors.STARS]


def _thing(request: HttpRequest, initiative: Initiative, kind: str, pk: int) -> Thing:
    """The thing, if it can be rated here and this person may see its ratings; else 404."""
    found = things.find(initiative, kind, pk)
    if found is None or not gate.allows(request.user, "ratings.view_thing", found.as_target()):
        raise Http404("Not found.")
    return found


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    rateable = [
        thing
        for thing in things.rateable_by(request.user, initiative)
        if gate.allows(request.user, "ratings.rate", thing.as_target())
    ]
    context = {
        "initiative": initiative,
        "summaries": selectors.summaries(initiative),
        "rateable": rateable,
        "answers": len(selectors.you_said_we_did(initiative)),
        "min_for_mean": MIN_FOR_MEAN,
    }
    return render(request, "ratings/overview.html", context)


@never_cache  # the form holds the person's own rating
def thing(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    found = _thing(request, initiative, kind, pk)
    can_rate = gate.allows(request.user, "ratings.rate", found.as_target())
    if request.method == "POST":
        gate.require(request.user, "ratings.rate", found.as_target())
    form = None
    if can_rate:
        own = selectors.own_rating(request.user, found)
        initial = (
            {"stars": own.stars, "comment": own.comment, "anonymous": own.anonymous} if own else {}
        )
        form = RatingForm(request.POST if request.method == "POST" else None, initial=initial)
        if form.is_bound and form.is_valid():
            try:
                services.rating_give(actor=request.user, thing=found, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your rating is saved. You can change it any time."))
                return redirect(found.get_absolute_url())
    ratings = selectors.ratings_shown(request.user, initiative, kind=found.kind, thing_id=found.pk)
    context = {
        "initiative": initiative,
        "thing": found,
        "summary": selectors.summary_of(found.kind, found.pk),
        "page": Paginator(ratings, 20).get_page(request.GET.get("page")),
        "form": form,
        "can_answer": found.is_public and gate.allows(request.user, "ratings.answer", initiative),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "ratings/thing.html", context, status=status)


def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    rating = gate.get_object(
        request.user,
        Rating.objects.filter(initiative=initiative, kind__in=PUBLIC_KINDS).exclude(comment=""),
        "ratings.answer",
        pk=pk,
    )
    found = things.find(initiative, rating.kind, rating.thing_id)
    if found is None:
        raise Http404("Not found.")
    decisions = selectors.decisions_to_point_at(initiative)
    earlier = getattr(rating, "answer", None)
    initial = {"text": earlier.text, "decision": earlier.decision_id} if earlier else {}
    form = AnswerForm(
        request.POST if request.method == "POST" else None, initial=initial, decisions=decisions
    )
    if form.is_bound and form.is_valid():
        try:
            services.feedback_answer(
                actor=request.user,
                rating=rating,
                text=form.cleaned_data["text"],
                decision=form.cleaned_data["decision"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your answer is published."))
            return redirect(found.get_absolute_url())
    # the rater is not named here: the coordinator answers what was said, not who said it
    context = {"initiative": initiative, "thing": found, "rating": rating, "form": form}
    return render(request, "ratings/answer.html", context, status=400 if form.errors else 200)


def you_said_we_did(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    context = {"initiative": initiative, "answers": selectors.you_said_we_did(initiative)}
    return render(request, "ratings/you_said_we_did.html", context)


def _mean_cell(row: dict[str, Any]) -> Any:
    return "" if row["mean"] is None else row["mean"]


def summaries_csv(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    rows: list[list[Any]] = [["kind", "thing", "title", "ratings", *STAR_COLUMNS, "mean"]]
    for row in selectors.summaries(initiative):
        stars = [row["distribution"][str(s)] for s in selectors.STARS]
        rows.append(
            [row["kind"], row["thing"], row["title"], row["count"], *stars, _mean_cell(row)]
        )
    return csv_response(f"ratings-{initiative.slug}.csv", rows)


def thing_csv(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    found = _thing(request, initiative, kind, pk)
    ratings = selectors.ratings_shown(request.user, initiative, kind=found.kind, thing_id=found.pk)
    rows: list[list[Any]] = [["date", "stars", "comment", "rater", "answer"]]
    rows += [
        [
            timezone.localdate(r["updated_at"]),
            r["stars"],
            r["comment"],
            r["rater"] or "anonymous",
            r["answer_text"] or "",
        ]
        for r in ratings.iterator()
    ]
    return csv_response(f"ratings-{initiative.slug}-{found.kind}-{found.pk}.csv", rows)
