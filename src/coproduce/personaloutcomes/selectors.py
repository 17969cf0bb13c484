"""Reads for personal outcomes: the scale, who works with whom, a person's own readings
(for them and their worker only: the views ask the gate first), and the change across
people, counted in SQL, for the coordinators."""

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from coproduce.core.numbers import rounded
from coproduce.core.vocabulary import Side
from coproduce.initiatives.models import Initiative, Membership, MembershipStatus
from coproduce.personaloutcomes.models import Domain, Pairing, Reading, Scale

MIN_PEOPLE = 5  # the change in a domain is shown only when this many people have it


def scale_of(initiative: Initiative) -> Scale | None:
    return Scale.objects.filter(initiative=initiative).first()


def domains_of(scale: Scale | None) -> list[Domain]:
    return list(scale.domains.all()) if scale is not None else []


def live_pairings(initiative: Initiative) -> QuerySet[Pairing]:
    return (
        Pairing.objects.filter(initiative=initiative, ended_at__isnull=True)
        .select_related("person", "worker")
        .order_by("person__display_name", "person__username", "worker__username")
    )


def people_of(worker: Any, initiative: Initiative) -> QuerySet[Membership]:
    """The active memberships of the people a worker is paired with, by name."""
    if not worker.is_authenticated:
        return Membership.objects.none()
    paired = Pairing.objects.filter(
        initiative=initiative, worker=worker, person=OuterRef("user"), ended_at__isnull=True
    )
    return (
        Membership.objects.filter(
            Exists(paired), initiative=initiative, status=MembershipStatus.ACTIVE
        )
        .select_related("user")
        .order_by("user__display_name", "user__username")
    )


def standing_readings() -> QuerySet[Reading]:
    """Readings no correction replaced."""
    return Reading.objects.exclude(Exists(Reading.objects.filter(corrects=OuterRef("pk"))))


def has_readings(person: Any, initiative: Initiative) -> bool:
    return (
        person.is_authenticated
        and Reading.objects.filter(scale__initiative=initiative, person=person).exists()
    )


@dataclass(frozen=True)
class Row:
    """One reading as the person's pages show it: its scores in the domains' order."""

    reading: Reading
    scores: list[int | None]
    notes: list[str]
    replaced: bool


def history(scale: Scale, person: Any) -> list[Row]:
    """Every reading of the person's, oldest first, corrected ones marked as replaced."""
    domains = [d.pk for d in scale.domains.all()]
    readings = (
        Reading.objects.filter(scale=scale, person=person)
        .annotate(replaced=Exists(Reading.objects.filter(corrects=OuterRef("pk"))))
        .select_related("entered_by")
        .prefetch_related("scores")
        .order_by("taken_on", "pk")
    )
    rows = []
    for reading in readings:
        by_domain = {s.domain_id: s for s in reading.scores.all()}
        rows.append(
            Row(
                reading=reading,
                scores=[by_domain[d].score if d in by_domain else None for d in domains],
                notes=[by_domain[d].note if d in by_domain else "" for d in domains],
                replaced=reading.replaced,
            )
        )
    return rows


def first_and_latest(rows: list[Row]) -> tuple[Row | None, Row | None]:
    standing = [row for row in rows if not row.replaced]
    if not standing:
        return None, None
    return standing[0], standing[-1]


# Per domain, among people with two or more standing readings in it: how many, the sum of
# their changes (latest less first), and how many improved, stayed the same, got worse.
CHANGE_SQL = """
WITH standing AS (
    SELECT r.id, r.person_id, r.taken_on FROM personaloutcomes_reading r
    WHERE r.scale_id = %s
      AND NOT EXISTS (SELECT 1 FROM personaloutcomes_reading c WHERE c.corrects_id = r.id)
), ranked AS (
    SELECT s.domain_id, r.person_id, s.score,
        ROW_NUMBER() OVER (
            PARTITION BY s.domain_id, r.person_id ORDER BY r.taken_on, r.id) AS up,
        ROW_NUMBER() OVER (
            PARTITION BY s.domain_id, r.person_id ORDER BY r.taken_on DESC, r.id DESC) AS down,
        COUNT(*) OVER (PARTITION BY s.domain_id, r.person_id) AS n
    FROM personaloutcomes_score s JOIN standing r ON r.id = s.reading_id
), changed AS (
    SELECT domain_id, person_id,
        SUM(CASE WHEN down = 1 THEN score ELSE 0 END)
            - SUM(CASE WHEN up = 1 THEN score ELSE 0 END) AS delta
    FROM ranked WHERE n >= 2 AND (up = 1 OR down = 1)
    GROUP BY domain_id, person_id
)
SELECT d.id, COUNT(c.person_id), COALESCE(SUM(c.delta), 0),
    COALESCE(SUM(CASE WHEN c.delta > 0 THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN c.delta = 0 THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN c.delta < 0 THEN 1 ELSE 0 END), 0)
FROM personaloutcomes_domain d LEFT JOIN changed c ON c.domain_id = d.id
WHERE d.scale_id = %s
GROUP BY d.id, d.position
ORDER BY d.position
"""


@dataclass(frozen=True)
class Change:
    """The change in one domain across people; the figures are None when suppressed."""

    domain: Domain
    people: int | None
    mean_change: float | None
    improved: int | None
    same: int | None
    worse: int | None

    @property
    def suppressed(self) -> bool:
        return self.people is None


def change_across_people(scale: Scale) -> list[Change]:
    """Each domain's change from first to latest reading across the people with at least
    two, in one query; a domain with fewer than ``MIN_PEOPLE`` such people shows no
    figures. The mean is rounded to 2 places from the exact value."""
    domains = {d.pk: d for d in scale.domains.all()}
    with connection.cursor() as cursor:
        cursor.execute(CHANGE_SQL, [scale.pk, scale.pk])
        found = cursor.fetchall()
    changes = []
    for domain_id, people, total, improved, same, worse in found:
        if people < MIN_PEOPLE:
            changes.append(Change(domains[domain_id], None, None, None, None, None))
            continue
        mean = rounded(Fraction(int(total), int(people)), 2)
        changes.append(
            Change(domains[domain_id], people, mean, int(improved), int(same), int(worse))
        )
    return changes


def pairing_choices(initiative: Initiative) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The active members (who may be paired as a person) and those on the professionals'
    side among them (who may be a worker), as (id, name) by name."""
    members = (
        Membership.objects.filter(initiative=initiative, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("user__display_name", "user__username")
    )
    people = [(m.user_id, str(m.user)) for m in members]
    workers = [(m.user_id, str(m.user)) for m in members if m.side == Side.REGULAR_PRODUCER]
    return people, workers
