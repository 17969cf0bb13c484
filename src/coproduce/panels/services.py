"""Writes for panels: each checks its permission through the gate, in one transaction, and
raises ValidationError naming the field. The draw itself runs in the background
(``tasks.run_selection`` → ``drawing.selection_perform``); answers to recommendations are
Decisions in the record."""

import csv
import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core import gate
from coproduce.core.dates import check_date, check_order
from coproduce.core.queries import checked_text as _text
from coproduce.core.queries import storable_text
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    DecisionKind,
    DecisionRule,
    Position,
    Side,
    StageKind,
)
from coproduce.events.models import Event
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.selectors import standing
from coproduce.organisations.models import Organisation
from coproduce.panels import sortition
from coproduce.panels.models import (
    MAX_PANEL_SIZE,
    MAX_POOL,
    Algorithm,
    Answer,
    Category,
    Evidence,
    Feature,
    MemberStatus,
    Panel,
    PoolMember,
    Recommendation,
    Response,
    RunStatus,
    SelectionRun,
    Session,
    Source,
)
from coproduce.record.services import Participant, do_record_decision

RESERVED_NAMES = {sortition.ID_COLUMN, "name", "email", "address", "postcode", "reference"}
MAX_VOTES = 100_000
MAX_CATEGORIES = 20
MAX_FEATURES = 12
ANSWER_RULE: dict[str, str] = {
    Side.POLITICAL: DecisionRule.POLITICAL_DECISION,
    Side.REGULAR_PRODUCER: DecisionRule.PROFESSIONAL_SIGN_OFF,
    Side.CITIZEN: DecisionRule.DELEGATED,
}


def _count(field: str, value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            {
                field: _("Give %(what)s between %(low)s and %(high)s.")
                % {"what": what, "low": f"{low:,}", "high": f"{high:,}"}
            }
        )
    return value


def _is_selected(panel: Panel) -> bool:
    return panel.runs.filter(status=RunStatus.DONE).exists()


def _before_selection(panel: Panel, field: str | None = None) -> None:
    if _is_selected(panel):
        message = "The panel has been selected: this can no longer change."
        raise ValidationError({field: message} if field else message)


# --- the panel ---------------------------------------------------------------------------


@transaction.atomic
def panel_create(
    *,
    actor: Any,
    initiative: Initiative,
    stage: Stage,
    title: str,
    remit: str,
    size: Any,
    starts_on: datetime.date,
    ends_on: datetime.date,
    consent_text: str,
    commissioner: Organisation | None = None,
    commissioner_name: str = "",
    representative: Any = None,
    answers_due_on: datetime.date | None = None,
    households: bool = True,
) -> Panel:
    """A coordinator sets up a panel: its question, size, commissioning body and dates."""
    gate.require(actor, "panels.manage", initiative)
    if stage.initiative_id != initiative.pk:
        raise ValidationError({"stage": _("Choose a stage of this initiative.")})
    name = _text("commissioner_name", commissioner_name, 200)
    if commissioner is None and not name:
        raise ValidationError(
            {"commissioner_name": _("Name the commissioning body, or choose its organisation.")}
        )
    if representative is not None and not standing(representative, initiative).active:
        raise ValidationError(
            {"representative": _("The representative must be an active member of the initiative.")}
        )
    check_date("starts_on", starts_on)
    check_date("ends_on", ends_on)
    check_order(
        starts_on, "ends_on", ends_on, "The panel cannot end before it starts.", same_allowed=True
    )
    if answers_due_on is not None:
        check_date("answers_due_on", answers_due_on)
        check_order(
            ends_on,
            "answers_due_on",
            answers_due_on,
            "Answers fall due after the panel ends.",
            same_allowed=True,
        )
    return Panel.objects.create(
        initiative=initiative,
        stage=stage,
        title=_text("title", title, 200, required=_("Give the panel a title.")),
        remit=_text("remit", remit, 4000, required=_("Say what the panel is asked.")),
        size=_count("size", size, 1, MAX_PANEL_SIZE, _("a panel size")),
        commissioner=commissioner,
        commissioner_name="" if commissioner else name,
        representative=representative,
        starts_on=starts_on,
        ends_on=ends_on,
        answers_due_on=answers_due_on,
        households=bool(households),
        consent_text=_text(
            "consent_text", consent_text, 2000, required=_("Write what people agree to.")
        ),
        created_by=actor,
    )


def default_stage(initiative: Initiative) -> Stage | None:
    """Where a panel sits unless told: co-planning, else co-design, else the first stage."""
    stages = list(initiative.stages.all())
    for kind in (StageKind.CO_PLANNING, StageKind.CO_DESIGN):
        for stage in stages:
            if stage.kind == kind:
                return stage
    return stages[0] if stages else None


# --- features and quotas -----------------------------------------------------------------


@transaction.atomic
def feature_define(
    *, actor: Any, panel: Panel, name: str, categories: Sequence[Mapping[str, Any]]
) -> Feature:
    """A coordinator adds a feature with its categories and their quotas (``name``,
    ``quota_min``, ``quota_max``, ``source``), before the panel is selected."""
    gate.require(actor, "panels.manage", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _before_selection(panel, "name")
    feature_name = _text("name", name, 60, required=_("Name the feature."))
    if feature_name.lower() in RESERVED_NAMES or ":" in feature_name or "," in feature_name:
        raise ValidationError(
            {
                "name": _("“%(name)s” cannot name a feature; choose another.")
                % {"name": feature_name}
            }
        )
    if panel.features.filter(name__iexact=feature_name).exists():
        raise ValidationError(
            {"name": _("The panel already has a feature “%(name)s”.") % {"name": feature_name}}
        )
    if panel.features.count() >= MAX_FEATURES:
        raise ValidationError(
            {"name": _("A panel has at most %(n)s features.") % {"n": MAX_FEATURES}}
        )
    if not categories or len(categories) > MAX_CATEGORIES:
        raise ValidationError(
            {"categories": _("Give between 1 and %(n)s categories.") % {"n": MAX_CATEGORIES}}
        )
    rows = [_category_row(panel, row) for row in categories]
    names = [row["name"].lower() for row in rows]
    if len(set(names)) != len(names):
        raise ValidationError({"categories": _("Each category is named once.")})
    _check_sums(panel, feature_name, rows)
    feature = Feature.objects.create(panel=panel, name=feature_name)
    Category.objects.bulk_create(Category(feature=feature, **row) for row in rows)
    return feature


def _category_row(panel: Panel, row: Mapping[str, Any]) -> dict[str, Any]:
    name = _text("categories", row.get("name"), 60, required=_("Name each category."))
    if ":" in name or "," in name:
        raise ValidationError(
            {"categories": _("“%(name)s”: a category name has no : or ,.") % {"name": name}}
        )
    low = _count("quota_min", row.get("quota_min"), 0, panel.size, _("a minimum"))
    high = _count("quota_max", row.get("quota_max"), 0, panel.size, _("a maximum"))
    if low > high:
        raise ValidationError(
            {
                "quota_min": _("%(name)s: the minimum (%(low)s) is above the maximum (%(high)s).")
                % {"name": name, "low": low, "high": high}
            }
        )
    source = _text("source", row.get("source", ""), 300)
    return {"name": name, "quota_min": low, "quota_max": high, "source": source}


def _check_sums(panel: Panel, feature: str, rows: Sequence[Mapping[str, Any]]) -> None:
    low = sum(row["quota_min"] for row in rows)
    high = sum(row["quota_max"] for row in rows)
    if low > panel.size:
        raise ValidationError(
            {
                "quota_min": _(
                    "%(feature)s: the minimums add up to %(low)s, more than the panel's "
                    "%(size)s places."
                )
                % {"feature": feature, "low": low, "size": panel.size}
            }
        )
    if high < panel.size:
        raise ValidationError(
            {
                "quota_max": _(
                    "%(feature)s: the maximums add up to %(high)s, fewer than the panel's "
                    "%(size)s places."
                )
                % {"feature": feature, "high": high, "size": panel.size}
            }
        )


@transaction.atomic
def category_set_quota(
    *, actor: Any, category: Category, quota_min: Any, quota_max: Any, source: str = ""
) -> Category:
    """A coordinator changes one category's quota, before the panel is selected."""
    panel = Panel.objects.select_for_update().get(pk=category.feature.panel_id)
    gate.require(actor, "panels.manage", panel)
    _before_selection(panel, "quota_min")
    row = _category_row(
        panel,
        {"name": category.name, "quota_min": quota_min, "quota_max": quota_max, "source": source},
    )
    others = list(
        Category.objects.filter(feature=category.feature)
        .exclude(pk=category.pk)
        .values("quota_min", "quota_max")
    )
    _check_sums(panel, category.feature.name, [*others, row])
    Category.objects.filter(pk=category.pk).update(
        quota_min=row["quota_min"], quota_max=row["quota_max"], source=row["source"]
    )
    category.refresh_from_db()
    return category


# --- the pool ----------------------------------------------------------------------------


def _categories_for(panel: Panel, answers: Mapping[str, Any], where: str) -> list[Category]:
    """One category of each of the panel's features, from ``{feature: category}``."""
    chosen = []
    known = {f.name.lower(): f for f in panel.features.prefetch_related("categories")}
    unknown = [name for name in answers if str(name).lower() not in known]
    if unknown:
        raise ValidationError(
            {
                "categories": where
                + _("unknown feature(s): %(names)s.") % {"names": ", ".join(map(str, unknown))}
            }
        )
    for key, feature in known.items():
        value = next((v for k, v in answers.items() if str(k).lower() == key), None)
        if not value:
            raise ValidationError(
                {
                    "categories": where
                    + _("say which %(feature)s applies.") % {"feature": feature.name}
                }
            )
        match = [c for c in feature.categories.all() if c.name.lower() == str(value).lower()]
        if not match:
            raise ValidationError(
                {
                    "categories": where
                    + _("“%(value)s” is not a category of %(feature)s.")
                    % {"value": value, "feature": feature.name}
                }
            )
        chosen.append(match[0])
    return chosen


def _pool_open(panel: Panel) -> None:
    if not panel.features.exists():
        raise ValidationError(_("The pool opens once the panel's features are set."))
    _before_selection(panel)
    if panel.pool.count() >= MAX_POOL:
        raise ValidationError(_("The pool is full (%(n)s people).") % {"n": f"{MAX_POOL:,}"})


def _member(panel: Panel, row: Mapping[str, Any], where: str = "") -> dict[str, Any]:
    def field(name: str, limit: int, required: str = "") -> str:
        try:
            return _text(name, row.get(name, ""), limit, required=required)
        except ValidationError as error:
            raise ValidationError({name: [f"{where}{m}" for m in error.messages]}) from None

    return {
        "name": field("name", 200, _("Give a name.")),
        "email": field("email", 254),
        "address": field("address", 300, "Give an address (first line)."),
        "postcode": field("postcode", 12, "Give a postcode."),
        "reference": field("reference", 60),
    }


@transaction.atomic
def pool_register(
    *,
    actor: Any,
    panel: Panel,
    details: Mapping[str, Any],
    answers: Mapping[str, Any],
    consent: Any,
) -> PoolMember:
    """Someone offers to serve, on the public form: their details, one category of each
    feature, and their consent to the text shown (kept as it read)."""
    gate.require(actor, "panels.register", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _pool_open(panel)
    if consent is not True:
        raise ValidationError({"consent": _("Tick the box to agree, or we cannot add you.")})
    fields = _member(panel, details)
    categories = _categories_for(panel, answers, "")
    member = PoolMember.objects.create(
        panel=panel,
        source=Source.FORM,
        consented_at=timezone.now(),
        consent_text=panel.consent_text,
        **fields,
    )
    member.categories.set(categories)
    return member


@transaction.atomic
def pool_import(*, actor: Any, panel: Panel, csv_text: str, consent_confirmed: Any) -> int:
    """A coordinator adds the people who answered a mailout, from a CSV (``reference``,
    ``name``, ``email``, ``address``, ``postcode`` and one column per feature), all or
    none; the coordinator confirms each gave their consent to the panel's text."""
    gate.require(actor, "panels.manage", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    _pool_open(panel)
    if consent_confirmed is not True:
        raise ValidationError(
            {
                "consent_confirmed": _(
                    "Confirm that everyone in the file agreed to the consent text."
                )
            }
        )
    if not isinstance(csv_text, str) or not storable_text(csv_text):
        raise ValidationError({"file": _("Upload a CSV file of text (UTF-8).")})
    try:
        rows = sortition.read_csv(csv_text)
    except csv.Error:
        raise ValidationError({"file": _("The file is not a CSV file we can read.")}) from None
    if not rows:
        raise ValidationError({"file": _("The file has no rows below its header.")})
    if panel.pool.count() + len(rows) > MAX_POOL:
        raise ValidationError(
            {"file": _("A pool has at most %(n)s people.") % {"n": f"{MAX_POOL:,}"}}
        )
    feature_names = {f.name.lower() for f in panel.features.all()}
    known = feature_names | {"reference", "name", "email", "address", "postcode", "id"}
    unknown = [h for h in rows[0] if h is None or h.strip().lower() not in known]
    if unknown:
        raise ValidationError(
            {
                "file": _(
                    "Unknown column(s): %(names)s. The columns are reference, name, email, "
                    "address, postcode and the features."
                )
                % {"names": ", ".join(str(h) for h in unknown)}
            }
        )
    now = timezone.now()
    made: list[tuple[PoolMember, list[Category]]] = []
    for number, raw in enumerate(rows, start=2):
        if None in raw or any(v is None for v in raw.values()):
            raise ValidationError(
                {
                    "file": _("Row %(number)s: the row has the wrong number of cells.")
                    % {"number": number}
                }
            )
        row = {k.strip().lower(): v for k, v in raw.items()}
        row.setdefault("reference", row.get("id", ""))
        where = _("Row %(number)s: ") % {"number": number}
        fields = _member(panel, row, where)
        answers = {k: v for k, v in row.items() if k in feature_names}
        try:
            categories = _categories_for(panel, answers, where)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        made.append(
            (
                PoolMember(
                    panel=panel,
                    source=Source.IMPORT,
                    consented_at=now,
                    consent_text=panel.consent_text,
                    **fields,
                ),
                categories,
            )
        )
    members = PoolMember.objects.bulk_create([member for member, _ in made])
    links = PoolMember.categories.through
    links.objects.bulk_create(
        links(poolmember_id=member.pk, category_id=category.pk)
        for member, (_, categories) in zip(members, made, strict=True)
        for category in categories
    )
    return len(members)


@transaction.atomic
def member_drop_out(*, actor: Any, member: PoolMember) -> PoolMember:
    """A coordinator records that a selected member can no longer serve."""
    gate.require(actor, "panels.manage", member.panel)
    locked = PoolMember.objects.select_for_update().get(pk=member.pk)
    if locked.status != MemberStatus.SELECTED:
        raise ValidationError(_("Only a selected member can drop out."))
    locked.status = MemberStatus.DROPPED_OUT
    locked.save(update_fields=["status"])
    return locked


# --- selection by lot --------------------------------------------------------------------


def _checked_seed(seed: Any) -> int:
    if seed in (None, ""):
        return sortition.new_seed()
    return _count("seed", seed, 1, sortition.MAX_SEED, _("a seed"))


@transaction.atomic
def selection_request(
    *, actor: Any, panel: Panel, algorithm: str = Algorithm.MAXIMIN, seed: Any = None
) -> SelectionRun:
    """A coordinator asks for the draw (or, once drawn, for replacements of those who
    dropped out); it runs in the background. What can be checked now is checked now."""
    from coproduce.panels.drawing import lottery_inputs
    from coproduce.panels.tasks import run_selection

    gate.require(actor, "panels.manage", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if algorithm not in Algorithm.values:
        raise ValidationError(
            {"algorithm": _("Choose one of: %(names)s.") % {"names": ", ".join(Algorithm.values)}}
        )
    if panel.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        raise ValidationError(_("A draw is already under way; wait for it to finish."))
    if not panel.features.exists():
        raise ValidationError(_("Set the panel's features and quotas first."))
    quota_rows, people_rows, wanted, kept = lottery_inputs(panel)
    if wanted == 0:
        raise ValidationError(_("The panel is full: no one has dropped out to replace."))
    for feature in panel.features.all():
        low = sum(r["min"] for r in quota_rows if r["feature"] == feature.name)
        if low > wanted:
            raise ValidationError(
                _(
                    "The minimums for %(feature)s add up to %(low)s, more than the %(wanted)s "
                    "places to fill."
                )
                % {"feature": feature.name, "low": low, "wanted": wanted}
            )
    if len(people_rows) < wanted:
        raise ValidationError(
            _(
                "The pool has %(count)s people who can be drawn, fewer than the %(wanted)s "
                "places to fill."
            )
            % {"count": len(people_rows), "wanted": wanted}
        )
    try:
        run = SelectionRun.objects.create(
            panel=panel,
            replacing=wanted if kept else 0,
            algorithm=algorithm,
            seed=_checked_seed(seed),
            requested_by=actor,
            message=_("Waiting for a worker to start the draw."),
        )
    except IntegrityError:
        raise ValidationError(_("A draw is already under way; wait for it to finish.")) from None
    transaction.on_commit(lambda: run_selection.enqueue(run.pk))
    return run


@transaction.atomic
def composition_publish(*, actor: Any, panel: Panel) -> Panel:
    """A coordinator publishes the selected panel's make-up and the draw's fairness figures."""
    gate.require(actor, "panels.manage", panel)
    if not _is_selected(panel):
        raise ValidationError(_("Publish the composition once the panel has been selected."))
    Panel.objects.filter(pk=panel.pk).update(composition_published=True)
    panel.refresh_from_db()
    return panel


# --- sessions -----------------------------------------------------------------------------


@transaction.atomic
def session_add(*, actor: Any, panel: Panel, event: Any) -> Session:
    """A coordinator names one of the initiative's events as a session of the panel. The
    event keeps its registrations and attendance; attendance taken there is the attendees'
    time in the record (the events app writes it), so nothing is copied here."""
    gate.require(actor, "panels.manage", panel)
    if not isinstance(event, Event) or event.initiative_id != panel.initiative_id:
        raise ValidationError({"event": _("Choose one of this initiative's events.")})
    if Session.objects.filter(event=event).exists():
        raise ValidationError({"event": _("That event is already a session of a panel.")})
    return Session.objects.create(panel=panel, event=event, added_by=actor)


# --- evidence, recommendations and answers -----------------------------------------------


@transaction.atomic
def evidence_add(
    *, actor: Any, panel: Panel, kind: str, title: str, detail: str = "", url: str = ""
) -> Evidence:
    """A coordinator lists a document (title and a link or its text) or a speaker (name
    and role) the panel heard."""
    gate.require(actor, "panels.manage", panel)
    if kind not in Evidence.Kind.values:
        raise ValidationError({"kind": _("Choose a document or a speaker.")})
    evidence = Evidence(
        panel=panel,
        kind=kind,
        title=_text("title", title, 200, required=_("Give the title, or the speaker's name.")),
        detail=_text("detail", detail, 4000),
        url=_text("url", url, 500),
    )
    if kind == Evidence.Kind.DOCUMENT and not (evidence.url or evidence.detail):
        raise ValidationError({"url": _("Give a link to the document, or its text.")})
    if kind == Evidence.Kind.SPEAKER and not evidence.detail:
        raise ValidationError({"detail": _("Give the speaker's role.")})
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def recommendation_add(
    *,
    actor: Any,
    panel: Panel,
    text: str,
    votes_for: Any,
    votes_against: Any,
    votes_abstaining: Any,
    voted_on: datetime.date,
) -> Recommendation:
    """The coordinator (or facilitator) records a recommendation the panel voted, with its
    support as counted in the room."""
    gate.require(actor, "panels.manage", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    counts = {
        name: _count(name, value, 0, MAX_VOTES, _("a number of votes"))
        for name, value in (
            ("votes_for", votes_for),
            ("votes_against", votes_against),
            ("votes_abstaining", votes_abstaining),
        )
    }
    if sum(counts.values()) == 0:
        raise ValidationError({"votes_for": _("Give the votes cast.")})
    check_date("voted_on", voted_on, past_only=True)
    number = (panel.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    return Recommendation.objects.create(
        panel=panel,
        number=number,
        text=_text("text", text, 4000, required=_("Write the recommendation.")),
        voted_on=voted_on,
        recorded_by=actor,
        **counts,
    )


@transaction.atomic
def recommendation_answer(
    *,
    actor: Any,
    recommendation: Recommendation,
    response: str,
    reasons: str,
    answered_on: datetime.date,
) -> Answer:
    """The commissioning body answers a recommendation, once: accepted, accepted in part
    or rejected, with reasons. The answer is a Decision in the record, taken by the
    answering person's side and initiated by the panel's citizens."""
    panel = recommendation.panel
    gate.require(actor, "panels.answer", panel)
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if Answer.objects.filter(recommendation=locked).exists():
        raise ValidationError(_("This recommendation has been answered."))
    if response not in Response.values:
        raise ValidationError({"response": _("Choose accepted, accepted in part or rejected.")})
    why = _text("reasons", reasons, 4000, required=_("Give the reasons for the answer."))
    check_date("answered_on", answered_on, past_only=True)
    if answered_on < locked.voted_on:
        raise ValidationError({"answered_on": _("The answer cannot come before the vote.")})
    side = standing(actor, panel.initiative).side
    rejected = response == Response.REJECTED
    decision = do_record_decision(
        source=locked,
        recorded_by=actor,
        initiative=panel.initiative,
        stage=panel.stage,
        title=f"{panel.title}, recommendation {locked.number}: {Response(response).label}"[:200],
        outcome=why,
        initiated_by_side=Side.CITIZEN,
        decided_by=DECIDING_BODY_OF_SIDE[side],
        rule=ANSWER_RULE[side],
        decided_on=answered_on,
        carried=not rejected,
        kind=DecisionKind.EXCLUSION if rejected else DecisionKind.DECISION,
        participants=[Participant(actor, Position.AGAINST if rejected else Position.FOR)],
    )
    return Answer.objects.create(
        recommendation=locked,
        response=response,
        reasons=why,
        answered_on=answered_on,
        answered_by=actor,
        decision=decision,
    )
