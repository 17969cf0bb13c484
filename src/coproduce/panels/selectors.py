"""Reads for panels. The public figures (composition, chances) are counts per category and
never name or describe one pool member; ``pool_rows`` is for coordinators' pages alone."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from coproduce.events.models import Event
from coproduce.initiatives.models import Initiative
from coproduce.panels.models import (
    Category,
    Feature,
    MemberStatus,
    Panel,
    PoolMember,
    Recommendation,
    RunStatus,
    SelectionRun,
    Session,
)


def panels_of(initiative: Initiative) -> QuerySet[Panel]:
    return Panel.objects.filter(initiative=initiative).select_related("commissioner")


def panel_in(initiative: Initiative, pk: Any) -> Panel | None:
    return (
        Panel.objects.filter(initiative=initiative, pk=pk)
        .select_related("initiative", "commissioner", "representative", "stage")
        .first()
        if isinstance(pk, int)
        else None
    )


def latest_run(panel: Panel) -> SelectionRun | None:
    return panel.runs.order_by("-requested_at", "-id").first()


def selected_run(panel: Panel) -> SelectionRun | None:
    """The first draw that filled the panel."""
    return panel.runs.filter(status=RunStatus.DONE, replacing=0).first()


def is_selected(panel: Panel) -> bool:
    return panel.runs.filter(status=RunStatus.DONE).exists()


@dataclass(frozen=True)
class CategoryRow:
    feature: str
    category: str
    pool: int
    quota_min: int
    quota_max: int
    source: str
    selected: int
    chance: float | None  # a pool member's mean chance of selection in the first draw

    @property
    def within_quota(self) -> bool:
        return self.quota_min <= self.selected <= self.quota_max


def composition(panel: Panel) -> list[tuple[Feature, list[CategoryRow]]]:
    """Per feature: each category's pool count, quota, number now serving (selected and
    not dropped out) and chance of selection in the first draw."""
    run = selected_run(panel)
    chances = run.probabilities if run else {}
    categories = (
        Category.objects.filter(feature__panel=panel)
        .select_related("feature")
        .annotate(
            in_pool=Count("members"),
            serving=Count("members", filter=Q(members__status=MemberStatus.SELECTED)),
        )
        .order_by("feature_id", "id")
    )
    grouped: dict[int, tuple[Feature, list[CategoryRow]]] = {}
    for category in categories:
        feature = category.feature
        row = CategoryRow(
            feature=feature.name,
            category=category.name,
            pool=category.in_pool,
            quota_min=category.quota_min,
            quota_max=category.quota_max,
            source=category.source,
            selected=category.serving,
            chance=chances.get(f"{feature.name}:{category.name}"),
        )
        grouped.setdefault(feature.pk, (feature, []))[1].append(row)
    return list(grouped.values())


def features_with_categories(panel: Panel) -> QuerySet[Feature]:
    return panel.features.prefetch_related("categories")


def pool_size(panel: Panel) -> int:
    return panel.pool.count()


def serving_count(panel: Panel) -> int:
    return panel.pool.filter(status=MemberStatus.SELECTED).count()


def pool_rows(panel: Panel) -> QuerySet[PoolMember]:
    """The pool with its categories: personal data, for the coordinators' page only."""
    return panel.pool.prefetch_related("categories__feature").order_by("id")


def recommendations(panel: Panel) -> QuerySet[Recommendation]:
    return panel.recommendations.select_related("answer").order_by("number")


def answers_overdue(panel: Panel, today: datetime.date | None = None) -> bool:
    """Whether the answers' due day has passed with a recommendation still unanswered."""
    today = today or timezone.localdate()
    if panel.answers_due_on is None or panel.answers_due_on >= today:
        return False
    return panel.recommendations.filter(answer__isnull=True).exists()


@dataclass(frozen=True)
class SessionRow:
    event: Event
    attended: int  # people whose attendance stands
    minutes: int  # their time, as the record holds it

    @property
    def hours(self) -> float:
        return self.minutes / 60


def sessions(panel: Panel) -> list[SessionRow]:
    """The panel's sessions in time order, each with the attendance taken at its event."""
    standing = Q(event__attendances__withdrawn_at__isnull=True)
    found = (
        Session.objects.filter(panel=panel)
        .select_related("event")
        .annotate(
            attended=Count("event__attendances", filter=standing),
            minutes=Sum("event__attendances__minutes", filter=standing),
        )
    )
    return [SessionRow(s.event, s.attended, s.minutes or 0) for s in found]


def events_to_add(panel: Panel) -> QuerySet[Event]:
    """The initiative's events that are no panel's session yet."""
    return Event.objects.filter(initiative=panel.initiative, panel_session__isnull=True)
