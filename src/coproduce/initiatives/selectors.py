"""Reads about initiatives and memberships."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core import capabilities
from coproduce.core.memo import forget, request_memo
from coproduce.core.queries import RowReader, one_or_none, select_clause
from coproduce.core.vocabulary import StageKind, StageStatus
from coproduce.initiatives.models import (
    DIAGNOSTIC_DEFAULTS,
    ENDED_STATUSES,
    DiagnosticSettings,
    Initiative,
    JoinPolicy,
    Membership,
    MembershipStatus,
    SideChange,
    SideChangeStatus,
    Stage,
    StageDeclaration,
    Visibility,
)
from coproduce.organisations.models import Organisation
from coproduce.record.models import Decision

_INITIATIVE = RowReader(Initiative)
_PERSON = RowReader(get_user_model())
INITIATIVE_BY_SLUG = select_clause((_INITIATIVE, "i")) + (
    " FROM initiatives_initiative i WHERE i.slug = %s"
)
# A person's standing in an initiative: the columns ``Standing`` is read from.
STANDING = "m.status, m.side, m.role, m.is_coordinator, m.is_reviewer"
INITIATIVE_BY_SLUG_WITH_STANDING = select_clause((_INITIATIVE, "i")) + (
    f", {STANDING} FROM initiatives_initiative i LEFT JOIN initiatives_membership m"
    " ON m.initiative_id = i.id AND m.user_id = %s WHERE i.slug = %s"
)
PERSON_WITH_STANDING = select_clause((_PERSON, "u")) + (
    f", {STANDING} FROM accounts_user u LEFT JOIN initiatives_membership m"
    " ON m.user_id = u.id AND m.initiative_id = %s WHERE u.username = %s"
)
STANDINGS = f"SELECT m.user_id, {STANDING} FROM initiatives_membership m"  # noqa: S608
STANDINGS += " WHERE m.initiative_id = %s"


@dataclass(frozen=True)
class Standing:
    """Where a person stands in an initiative: the one answer to "are they a member here,
    on which side, in which role, a coordinator, a reviewer?" (no membership: all empty)."""

    status: str | None = None
    side: str = ""
    role: str = ""
    is_coordinator: bool = False
    is_reviewer: bool = False

    @property
    def active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @classmethod
    def read(cls, columns: Sequence[Any]) -> "Standing":
        status, side, role, coordinator, reviewer = columns
        if status is None:
            return NO_STANDING
        return cls(status, side, role, bool(coordinator), bool(reviewer))


NO_STANDING = Standing()
_MEMO = "standings"  # (initiative id, person id) -> Standing, for this request


def _remember(initiative_id: int, person_id: int, standing: "Standing") -> None:
    memo = request_memo(_MEMO)
    if memo is not None:
        memo[(initiative_id, person_id)] = standing


def standing(user: Any, initiative: Initiative) -> Standing:
    """The person's standing in the initiative, asked once a request: every permission rule
    and service asks it, so it is one statement in SQL (ADR 0017), remembered for the rest
    of the request (``core.memo``) and forgotten when a membership changes."""
    if not user.is_authenticated:
        return NO_STANDING
    memo = request_memo(_MEMO)
    key = (initiative.pk, user.pk)
    if memo is not None and key in memo:
        known: Standing = memo[key]
        return known
    with connection.cursor() as cursor:
        cursor.execute(STANDINGS + " AND m.user_id = %s", [initiative.pk, user.pk])
        row = cursor.fetchone()
    found = NO_STANDING if row is None else Standing.read(row[1:])
    _remember(initiative.pk, user.pk, found)
    return found


def standings_of(initiative: Initiative, people: Iterable[Any]) -> dict[int, Standing]:
    """Several people's standings in one statement (a gift's giver and recipient), by
    person id, remembered for the request like ``standing``'s."""
    ids = sorted({person.pk for person in people if person.is_authenticated})
    memo = request_memo(_MEMO) or {}
    found = {pk: memo[(initiative.pk, pk)] for pk in ids if (initiative.pk, pk) in memo}
    ask = [pk for pk in ids if pk not in found]
    if ask:
        marks = ", ".join(["%s"] * len(ask))
        with connection.cursor() as cursor:
            cursor.execute(STANDINGS + f" AND m.user_id IN ({marks})", [initiative.pk, *ask])
            rows = {row[0]: Standing.read(row[1:]) for row in cursor.fetchall()}
        for pk in ask:
            found[pk] = rows.get(pk, NO_STANDING)
            _remember(initiative.pk, pk, found[pk])
    return found


def standing_changed(initiative: Initiative) -> None:
    """A membership of the initiative changed: forget what this request read of it."""
    forget(_MEMO, lambda key: key[0] == initiative.pk)


def membership_status(user: Any, initiative: Initiative) -> str | None:
    """The person's membership status in the initiative, or None."""
    return standing(user, initiative).status


def initiative_by_slug(slug: str, viewer: Any = None) -> Initiative | None:
    """The initiative at ``slug``, or None. Every page and API request inside an initiative
    starts here, so it is one statement written in SQL rather than built by the ORM on each
    request (ADR 0017). With a signed-in ``viewer``, the same statement reads their
    standing, remembered for the request (``standing``)."""
    signed_in = viewer is not None and viewer.is_authenticated
    with connection.cursor() as cursor:
        if signed_in:
            cursor.execute(INITIATIVE_BY_SLUG_WITH_STANDING, [viewer.pk, slug])
        else:
            cursor.execute(INITIATIVE_BY_SLUG, [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    initiative = _INITIATIVE.read(row)
    if signed_in:
        _remember(initiative.pk, viewer.pk, Standing.read(row[-5:]))
    return initiative


def person_by_username(username: str, initiative: Initiative) -> Any | None:
    """The person with this username, or None, read with their standing in the initiative
    (remembered for the request): a gift names its recipient, whose membership the gift
    then checks."""
    with connection.cursor() as cursor:
        cursor.execute(PERSON_WITH_STANDING, [initiative.pk, username])
        row = cursor.fetchone()
    if row is None:
        return None
    person = _PERSON.read(row)
    _remember(initiative.pk, person.pk, Standing.read(row[-5:]))
    return person


def initiatives_visible_to(user: Any) -> QuerySet[Initiative]:
    """The initiatives a person may read: the same answer as the view permission."""
    initiatives = Initiative.objects.select_related("lead_organisation")
    if user.is_authenticated and user.is_staff:
        return initiatives.all()
    if not user.is_authenticated:
        return initiatives.filter(visibility=Visibility.PUBLIC)
    mine = Membership.objects.filter(
        user=user, status__in=[MembershipStatus.ACTIVE, MembershipStatus.INVITED]
    ).values("initiative_id")
    return initiatives.filter(Q(visibility=Visibility.PUBLIC) | Q(pk__in=mine))


def membership_for(user: Any, initiative: Initiative) -> Membership | None:
    if not user.is_authenticated:
        return None
    return one_or_none(initiative.memberships.filter(user=user))


def active_membership_for(user: Any, initiative: Initiative) -> Membership | None:
    membership = membership_for(user, initiative)
    return membership if membership and membership.status == MembershipStatus.ACTIVE else None


def memberships_of(user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .exclude(status__in=ENDED_STATUSES)
        .select_related("initiative")
        .order_by("initiative__title")
    )


def members_of(
    initiative: Initiative, *, status: str = MembershipStatus.ACTIVE
) -> QuerySet[Membership]:
    return (
        initiative.memberships.filter(status=status)
        .select_related("user")
        .order_by("side", "-is_coordinator", "user__display_name", "user__username")
    )


def active_people(initiative: Initiative, *, side: str | None = None) -> QuerySet[Any]:
    """The people (users) who are active members, optionally of one side only."""
    same_membership: dict[str, Any] = {"memberships__side": side} if side else {}
    return get_user_model().objects.filter(
        memberships__initiative=initiative,
        memberships__status=MembershipStatus.ACTIVE,
        **same_membership,
    )


def invitable_people(initiative: Initiative, actor: Any) -> QuerySet[Any]:
    """Whom a coordinator may pick by name to invite: the people they work with, active
    members of the initiatives they are active in themselves, who are not yet members
    here. Never the whole platform's list of people."""
    theirs = Membership.objects.filter(user=actor, status=MembershipStatus.ACTIVE)
    alongside = Membership.objects.filter(
        initiative__in=theirs.values("initiative"), status=MembershipStatus.ACTIVE
    )
    return (
        get_user_model()
        .objects.filter(pk__in=alongside.values("user"), is_active=True)
        .exclude(pk__in=active_people(initiative).values("pk"))
        .exclude(pk=actor.pk)
    )


def coordinators_of(initiative: Initiative) -> QuerySet[Any]:
    """The initiative's coordinators, by name: who to ask when a page has nothing to do yet."""
    return (
        get_user_model()
        .objects.filter(
            memberships__initiative=initiative,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__is_coordinator=True,
        )
        .order_by("display_name", "username")
    )


def organisations_of(initiative: Initiative) -> QuerySet[Organisation]:
    """The lead organisation and the partners of an initiative."""
    return (
        Organisation.objects.filter(Q(leads=initiative) | Q(partners_in=initiative))
        .distinct()
        .order_by("name")
    )


def member_counts_by_side(initiative: Initiative) -> dict[str, int]:
    rows = (
        initiative.memberships.filter(status=MembershipStatus.ACTIVE)
        .values("side")
        .annotate(n=Count("id"))
    )
    return {row["side"]: row["n"] for row in rows}


def stage_of(initiative: Initiative, kind: str) -> Stage | None:
    """The initiative's stage of this kind (there is at most one), or None."""
    return one_or_none(initiative.stages.filter(kind=kind))


def check_stage(initiative: Initiative, stage: Stage, kinds: Iterable[str] = ()) -> None:
    """Refuse a stage of another initiative, or (when ``kinds`` are named) of a kind the
    capability does not work in."""
    if stage.initiative_id != initiative.pk:
        raise ValidationError({"stage": _("That stage belongs to another initiative.")})
    allowed = list(kinds)
    if allowed and stage.kind not in allowed:
        names = _(" or ").join(str(StageKind(kind).label) for kind in allowed)
        raise ValidationError(
            {"stage": _("Choose a stage of this kind: %(names)s.") % {"names": names}}
        )


def current_stage(initiative: Initiative) -> Stage | None:
    """The stage the initiative is in now, where decisions about its members are recorded:
    the active stage that started last, else the stage that starts first; None without
    stages."""
    stages = initiative.stages.all()
    active = stages.filter(status=StageStatus.ACTIVE).order_by(
        F("starts_on").desc(nulls_last=True), "id"
    )
    return active.first() or stages.order_by(F("starts_on").asc(nulls_last=True), "id").first()


def pending_side_change(membership: Membership) -> SideChange | None:
    return one_or_none(membership.side_changes.filter(status=SideChangeStatus.PENDING))


def side_changes_pending(initiative: Initiative) -> QuerySet[SideChange]:
    """Requests to change side waiting for a coordinator, oldest first."""
    return (
        SideChange.objects.filter(
            membership__initiative=initiative, status=SideChangeStatus.PENDING
        )
        .select_related("membership__user")
        .order_by("requested_at", "id")
    )


def side_changes_of(user: Any, initiative: Initiative) -> QuerySet[SideChange]:
    """A person's own requests to change side in an initiative, latest first."""
    if not user.is_authenticated:
        return SideChange.objects.none()
    return SideChange.objects.filter(
        membership__initiative=initiative, membership__user=user
    ).select_related("membership__user", "decided_by")


def diagnostic_settings_of(initiative_ids: Iterable[int]) -> dict[int, DiagnosticSettings]:
    """Each initiative's diagnostic settings: its own row, or the defaults (unsaved)."""
    ids = list(initiative_ids)
    saved = {s.initiative_id: s for s in DiagnosticSettings.objects.filter(initiative_id__in=ids)}
    return {
        i: saved.get(i) or DiagnosticSettings(initiative_id=i, **DIAGNOSTIC_DEFAULTS) for i in ids
    }


def diagnostic_settings(initiative: Initiative) -> DiagnosticSettings:
    return diagnostic_settings_of([initiative.pk])[initiative.pk]


def stage_declarations(initiative: Initiative, stage: Stage | None = None) -> QuerySet[Any]:
    """The initiative's declarations of who plans and delivers (one stage's, if named),
    newest first, each with ``decision_id`` (its decision in the record) and ``standing``:
    False once that decision is reversed, which withdraws the declaration."""
    source_type = ContentType.objects.get_for_model(StageDeclaration)
    entries = Decision.objects.filter(source_type=source_type, source_id=OuterRef("pk"))
    found = StageDeclaration.objects.filter(stage__initiative=initiative)
    if stage is not None:
        found = found.filter(stage=stage)
    return found.select_related("stage", "declared_by").annotate(
        decision_id=Subquery(entries.filter(reverses__isnull=True).values("pk")[:1]),
        standing=~Exists(entries.filter(reverses__isnull=False)),
    )


def settings_at_default(settings: DiagnosticSettings) -> list[str]:
    """The settings' fields that hold the default value (all of them until a row is saved)."""
    return [
        name
        for name, default in DIAGNOSTIC_DEFAULTS.items()
        if settings.pk is None or getattr(settings, name) == default
    ]


def declared_by_stage(initiative: Initiative) -> dict[int, Any]:
    """Each stage's newest standing declaration, by stage id (stages without one left out)."""
    found: dict[int, Any] = {}
    for declaration in stage_declarations(initiative).filter(standing=True):
        found.setdefault(declaration.stage_id, declaration)
    return found


# At most this many localities are offered as a filter; at most this many words searched.
LOCALITIES_MAX = 200
WORDS_MAX = 10
SORTS: dict[str, tuple[str, ...]] = {
    "title": ("title", "pk"),
    "newest": ("-created_at", "-pk"),
    "updated": ("-updated_at", "-pk"),
}


@dataclass(frozen=True)
class InitiativeFilters:
    """What the initiatives list is narrowed to, each value already checked (forms)."""

    q: str = ""
    service_area: str = ""
    locality: str = ""
    stage: str = ""
    open_to_join: bool = False
    taking_part_now: bool = False
    sort: str = "title"


def localities_for(viewer: Any) -> list[str]:
    """The localities of the live initiatives (not the case library's, ``discovery.
    live_initiatives``) this person may see, for the filters."""
    return list(
        initiatives_visible_to(viewer)
        .filter(case_study__isnull=True)
        .exclude(locality="")
        .values_list("locality", flat=True)
        .distinct()
        .order_by("locality")[:LOCALITIES_MAX]
    )


def _taking_part_now() -> Q | None:
    """Initiatives with something to take part in now, as each capability says
    (``Capability.discovery``); None if no capability says."""
    now = timezone.now()
    found = [Q(pk__in=initiatives_now(now)) for initiatives_now in capabilities.initiatives_now()]
    if not found:
        return None
    match = found[0]
    for more in found[1:]:
        match |= more
    return match


def live_initiatives_for(
    viewer: Any, filters: InitiativeFilters | None = None
) -> QuerySet[Initiative]:
    """The live initiatives (not the case library's) this person may see, narrowed and
    sorted as asked, each with ``taking_part_now``: something to take part in now."""
    filters = filters or InitiativeFilters()
    found = initiatives_visible_to(viewer).filter(case_study__isnull=True)
    if filters.q:
        for word in filters.q.split()[:WORDS_MAX]:
            found = found.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if filters.service_area:
        found = found.filter(service_area=filters.service_area)
    if filters.locality:
        found = found.filter(locality=filters.locality)
    if filters.stage:
        stages = Stage.objects.filter(initiative=OuterRef("pk"), kind=filters.stage)
        found = found.filter(Exists(stages.exclude(status=StageStatus.COMPLETED)))
    if filters.open_to_join:
        found = found.exclude(join_policy=JoinPolicy.INVITATION)
    now = _taking_part_now()
    if filters.taking_part_now:
        found = found.filter(now) if now is not None else found.none()
    flag = Case(When(now, then=Value(True)), default=Value(False)) if now else Value(False)
    order = SORTS.get(filters.sort, SORTS["title"])
    return (
        found.select_related("lead_organisation")
        .annotate(taking_part_now=ExpressionWrapper(flag, output_field=BooleanField()))
        .order_by(*order)
    )
