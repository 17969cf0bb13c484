"""Reads for ratings: the summary of a thing (count and distribution always, the mean only
from five ratings), the ratings shown to a viewer, and the "you said, we did" answers.

No read here returns an anonymous rater's name or id to anyone but the rater: the name is
chosen in SQL (a CASE on ``anonymous`` and the viewer) and the person's id is never
selected."""

from collections import defaultdict
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from django.db.models import BooleanField, Case, CharField, Count, F, Q, QuerySet, Value, When

from coproduce.core.numbers import rounded
from coproduce.initiatives.models import Initiative
from coproduce.ratings.models import (
    HIGHEST,
    LOWEST,
    MIN_FOR_MEAN,
    FeedbackAnswer,
    Rating,
    ThingKind,
)
from coproduce.ratings.things import PUBLIC_KINDS, Thing, titles
from coproduce.record.models import Decision
from coproduce.record.selectors import standing

STARS = range(LOWEST, HIGHEST + 1)
KIND_ORDER = {kind: n for n, kind in enumerate(ThingKind.values)}


def figures(counts: dict[int, int]) -> dict[str, Any]:
    """Count, distribution (``"1"`` to ``"5"``) and the mean to 2 places, the mean only
    when at least ``MIN_FOR_MEAN`` ratings make it (else None)."""
    count = sum(counts.get(s, 0) for s in STARS)
    mean = None
    if count >= MIN_FOR_MEAN:
        mean = rounded(Fraction(sum(s * counts.get(s, 0) for s in STARS), count), 2)
    return {
        "count": count,
        "distribution": {str(s): counts.get(s, 0) for s in STARS},
        "mean": mean,
        "min_for_mean": MIN_FOR_MEAN,
    }


def summary_of(kind: str, thing_id: int) -> dict[str, Any]:
    """One thing's figures, in one query: the count of each number of stars (GROUP BY
    stars, read from the (kind, thing, stars) index)."""
    counts = (
        Rating.objects.filter(kind=kind, thing_id=thing_id)
        .values("stars")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("stars", "n")
    )
    return figures(dict(counts))


def summaries(initiative: Initiative, kinds: Iterable[str] = PUBLIC_KINDS) -> list[dict[str, Any]]:
    """The figures of every rated thing of ``kinds`` in the initiative, in one grouped query
    (GROUP BY kind, thing, stars) and a query per kind for the titles; in the kinds' order,
    then by title. A thing no longer rateable (a project whose completion was withdrawn) is
    left out."""
    counts: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)
    for kind, thing_id, stars, n in (
        Rating.objects.filter(initiative=initiative, kind__in=list(kinds))
        .values("kind", "thing_id", "stars")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("kind", "thing_id", "stars", "n")
    ):
        counts[(kind, thing_id)][stars] = n
    named = titles(initiative, counts)
    rows = [
        {"kind": kind, "thing": thing_id, "title": named[(kind, thing_id)], **figures(found)}
        for (kind, thing_id), found in counts.items()
        if (kind, thing_id) in named
    ]
    return sorted(rows, key=lambda row: (KIND_ORDER[row["kind"]], row["title"], row["thing"]))


def ratings_shown(
    viewer: Any, initiative: Initiative, *, kind: str | None = None, thing_id: int | None = None
) -> QuerySet[Rating, dict[str, Any]]:
    """The ratings of the initiative (of public kinds, unless ``kind`` names another whose
    thing the caller has checked the viewer may see), newest first, as dicts: ``rater`` and
    ``rater_name`` are the rater's username and name where they did not ask to be anonymous,
    or the viewer is the rater, else None; ``mine`` says whether the viewer is the rater;
    ``answer_text`` and ``answer_decision`` are the coordinators' answer, if any."""
    viewer_id = viewer.pk if viewer.is_authenticated else None
    named = Q(anonymous=False) | Q(person_id=viewer_id) if viewer_id else Q(anonymous=False)
    ratings = Rating.objects.filter(initiative=initiative)
    ratings = ratings.filter(kind__in=PUBLIC_KINDS) if kind is None else ratings.filter(kind=kind)
    if thing_id is not None:
        ratings = ratings.filter(thing_id=thing_id)
    return ratings.annotate(
        rater=Case(When(named, then=F("person__username")), default=None, output_field=CharField()),
        rater_name=Case(
            When(named, then=F("person__display_name")), default=None, output_field=CharField()
        ),
        mine=Case(
            When(person_id=viewer_id, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        if viewer_id
        else Value(False, output_field=BooleanField()),
        answer_text=F("answer__text"),
        answer_decision=F("answer__decision_id"),
    ).values(
        "id",
        "kind",
        "thing_id",
        "stars",
        "comment",
        "anonymous",
        "updated_at",
        "rater",
        "rater_name",
        "mine",
        "answer_text",
        "answer_decision",
    )


def own_rating(person: Any, thing: Thing) -> Rating | None:
    if not person.is_authenticated:
        return None
    return Rating.objects.filter(kind=thing.kind, thing_id=thing.pk, person=person).first()


def you_said_we_did(initiative: Initiative) -> list[dict[str, Any]]:
    """The coordinators' public answers, newest first: what was said (as answered), about
    which thing, what was done, and the decision it led to. No rater in them."""
    answers: list[dict[str, Any]] = [
        dict(answer)
        for answer in FeedbackAnswer.objects.filter(initiative=initiative)
        .order_by("-answered_at", "-id")
        .values(
            "id",
            "kind",
            "thing_id",
            "said",
            "text",
            "answered_at",
            "decision_id",
            "decision__title",
            "decision__decided_on",
        )
    ]
    named = titles(initiative, ((a["kind"], a["thing_id"]) for a in answers))
    for answer in answers:
        answer["thing_title"] = named.get((answer["kind"], answer["thing_id"]), "")
        answer["kind_label"] = ThingKind(answer["kind"]).label
    return answers


def decisions_to_point_at(initiative: Initiative) -> QuerySet[Decision]:
    """The decisions an answer may point at: the initiative's, that stand."""
    return Decision.objects.filter(standing(Decision), initiative=initiative).order_by(
        "-decided_on", "-id"
    )
