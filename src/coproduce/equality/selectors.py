"""Reads for equality monitoring: a person's own profile, an initiative's baselines, and the
inclusion figures, counted in SQL and shown only in groups of 5 or more (figures.py)."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet

from coproduce.core.dates import Period
from coproduce.core.queries import one_or_none
from coproduce.core.vocabulary import StageKind
from coproduce.equality.figures import SUPPRESSION, cell_block, shown_count
from coproduce.equality.models import EqualityProfile, LocalityBaseline
from coproduce.equality.vocabulary import CHARACTERISTICS, PREFER_NOT_TO_SAY
from coproduce.initiatives.models import Initiative, Stage
from coproduce.record.models import Contribution, Decision, DecisionParticipant, PersonStage
from coproduce.record.selectors import standing

ALL_STAGES = "all"
STAGE_ORDER = {kind: place for place, kind in enumerate(StageKind.values)}


def profile_of(user: Any) -> EqualityProfile | None:
    """The person's own profile: for their own page, and nothing else."""
    if not user.is_authenticated:
        return None
    return one_or_none(EqualityProfile.objects.filter(user=user))


def baselines_of(initiative: Initiative) -> dict[str, LocalityBaseline]:
    """The initiative's baselines by question, in the questions' order."""
    found = {b.characteristic: b for b in LocalityBaseline.objects.filter(initiative=initiative)}
    return {key: found[key] for key in CHARACTERISTICS if key in found}


def baselines_in(initiative: Initiative) -> QuerySet[LocalityBaseline]:
    return LocalityBaseline.objects.filter(initiative=initiative).order_by("id")


# The reversing entries, read through the index on ``reverses`` (a column that is mostly
# null) rather than by scanning every entry.


def _participants_sql(initiative_ids: list[int], period: Period) -> tuple[str, list[Any]]:
    """The distinct (stage, person) of every live entry in the period whose person has a
    profile: contributors, and people named in a decision's participant rows. Live: neither
    a reversal nor reversed (NOT EXISTS, which the planner estimates well). Each part is
    grouped by (stage, person) at once: a small hash, not a sort of every entry. Over a
    whole record the record's running totals already hold each (stage, person) with the
    number of standing entries naming them (ADR 0034)."""
    profiled = EqualityProfile.objects.values("user_id")
    if period.whole:
        named = PersonStage.objects.filter(
            initiative_id__in=initiative_ids, entries__gt=0, contributor_id__in=profiled
        ).values(stage_ref=F("stage_id"), who=F("contributor_id"))
        sql, params = named.query.sql_with_params()
        return sql, list(params)
    contributors = (
        Contribution.objects.filter(
            period.q("occurred_on"),
            standing(Contribution),
            initiative_id__in=initiative_ids,
            contributor_id__in=profiled,
        )
        .order_by()
        .values(stage_ref=F("stage_id"), who=F("contributor_id"))
        .distinct()
    )
    deciders = (
        DecisionParticipant.objects.filter(
            period.q("decision__decided_on"),
            standing(Decision, via="decision__"),
            decision__initiative_id__in=initiative_ids,
            person_id__in=profiled,
        )
        .order_by()
        .values(stage_ref=F("decision__stage_id"), who=F("person_id"))
        .distinct()
    )
    union = contributors.union(deciders)  # UNION: each person once per stage
    sql, params = union.query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def _count_rows(initiative_ids: list[int], period: Period) -> list[tuple[int, str, str, str, int]]:
    """(initiative, stage kind or "all", question, answer, people) for every answer given:
    one statement, grouping the participants' profiles by each question in turn."""
    people, params = _participants_sql(initiative_ids, period)
    profile = connection.ops.quote_name(EqualityProfile._meta.db_table)
    stage = connection.ops.quote_name(Stage._meta.db_table)
    columns = ", ".join(f"p.{key}" for key in CHARACTERISTICS)
    counts = " UNION ALL ".join(
        f"SELECT initiative_key, stage_kind, '{key}', {key}, COUNT(*) FROM answered "  # noqa: S608
        f"GROUP BY initiative_key, stage_kind, {key}"
        for key in CHARACTERISTICS
    )
    # Only the ORM's SQL (with its parameters), tables' names and the questions' keys
    # (names of the profile's columns) go into the statement.
    sql = f"""
        WITH seen AS (
            SELECT s.initiative_id AS initiative_key, s.kind AS stage_kind, people.who
            FROM ({people}) people JOIN {stage} s ON s.id = people.stage_ref
        ),
        present AS (
            SELECT initiative_key, stage_kind, who FROM seen
            UNION ALL
            SELECT DISTINCT initiative_key, '{ALL_STAGES}', who FROM seen
        ),
        answered AS (
            SELECT present.initiative_key, present.stage_kind, {columns}
            FROM present JOIN {profile} p ON p.user_id = present.who
        )
        {counts}
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def inclusion_of(initiative_ids: Iterable[int], period: Period) -> dict[int, dict[str, Any]]:
    """Who takes part, by each question of the equality profile, for each initiative.

    Participants of a stage in the period are the distinct people with a live entry in it
    (a contribution they made, a decision they are named in) who keep a profile; "all"
    counts each person once over every stage. For each question and stage: the people, the
    count and share of each answer beside the locality's baseline, and the
    representativeness index; every count under 5 is "<5" (figures.py). JSON-ready; it
    names no one."""
    ids = sorted(set(initiative_ids))
    if not ids:
        return {}
    counts: dict[int, dict[str, dict[str, dict[str, int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    )
    for initiative_id, stage_kind, key, answer, people in _count_rows(ids, period):
        counts[initiative_id][stage_kind][key][answer or PREFER_NOT_TO_SAY] += people
    stages: dict[int, list[str]] = defaultdict(list)
    for initiative_id, kind in Stage.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", "kind"
    ):
        stages[initiative_id].append(kind)
    baselines: dict[int, dict[str, LocalityBaseline]] = defaultdict(dict)
    for baseline in LocalityBaseline.objects.filter(initiative_id__in=ids):
        baselines[baseline.initiative_id][baseline.characteristic] = baseline
    return {
        initiative_id: _inclusion(
            sorted(stages[initiative_id], key=STAGE_ORDER.__getitem__),
            counts[initiative_id],
            baselines[initiative_id],
        )
        for initiative_id in ids
    }


def _inclusion(
    stage_kinds: list[str],
    counts: dict[str, dict[str, dict[str, int]]],
    baselines: dict[str, LocalityBaseline],
) -> dict[str, Any]:
    first = next(iter(CHARACTERISTICS))
    with_profile = sum(counts[ALL_STAGES][first].values())
    characteristics = {}
    for key, found in CHARACTERISTICS.items():
        baseline = baselines.get(key)
        shares = baseline.shares if baseline is not None else None
        characteristics[key] = {
            "label": str(found.label),
            "baseline": None
            if baseline is None
            else {"source": baseline.source, "year": baseline.year},
            "stages": {
                stage: cell_block(found, counts[stage][key], shares)
                for stage in [ALL_STAGES, *stage_kinds]
            },
        }
    return {
        "people_with_profile": shown_count(with_profile),
        "suppression": SUPPRESSION,
        "characteristics": characteristics,
    }


def inclusion(initiative: Initiative, period: Period | None = None) -> dict[str, Any]:
    """``inclusion_of`` for one initiative."""
    return inclusion_of([initiative.pk], period or Period())[initiative.pk]


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def baseline_sections(initiative: Initiative) -> list[dict[str, Any]]:
    """For the baseline page: each question's baseline beside who takes part over all
    stages, as table rows (answer, locality, people, share), from ``inclusion``."""
    figures = inclusion(initiative)["characteristics"]
    saved = baselines_of(initiative)
    sections = []
    for key, found in CHARACTERISTICS.items():
        block = figures[key]["stages"][ALL_STAGES]
        rows = [
            {
                "answer": found.category_label(category),
                "locality": _percent(cell["baseline"]),
                "people": cell["count"],
                "share": _percent(cell["share"]),
            }
            for category, cell in block["categories"].items()
        ]
        index = block["representativeness"]
        sections.append(
            {
                "key": key,
                "label": str(found.label),
                "baseline": saved.get(key),
                "rows": rows,
                "people": block["people"],
                "representativeness": "" if index is None else f"{index:.2f}",
            }
        )
    return sections
