"""Writes for drafts: the draft and its drafting group, versions, comments, amendments
(proposed, supported, accepted or rejected) and adoption. Every change of text takes the
draft's row lock, so versions follow one another and no saved change is lost."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core import gate
from coproduce.core.queries import storable_text
from coproduce.core.vocabulary import (
    DECIDING_BODY_OF_SIDE,
    ContributionKind,
    DecidingBody,
    DecisionKind,
    DecisionRule,
    Position,
    Side,
    StageKind,
    Unit,
)
from coproduce.drafts import selectors
from coproduce.drafts.models import (
    BODY_MAX,
    COMMENT_MAX,
    REASON_MAX,
    SECTIONS_MAX,
    TITLE_MAX,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Comment,
    Draft,
    DraftVersion,
    GroupMember,
    Section,
    Support,
)
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import stage_of, standing
from coproduce.record import services as record
from coproduce.record.services import Participant

READ_ONLY = gettext_lazy("This draft has been adopted and is read-only.")
BOTH_SIDES = gettext_lazy("A drafting group needs at least one citizen and one professional.")
NO_SUCH_SECTION = gettext_lazy("That section is not in the current version of the draft.")
ADOPT_POSITIONS = gettext_lazy(
    "Give how each member of the drafting group voted: for, against or abstained."
)


@dataclass(frozen=True)
class SectionText:
    """A section as someone typed it; ``key`` names an existing section, None a new one."""

    title: str
    body: str
    key: int | None = None


@dataclass(frozen=True)
class Wording:
    """What to tell someone whose text is missing (None: it may be empty), too long (with
    ``%(limit)s``) or holds control characters; each may name a section's ``%(number)s``."""

    missing: Any
    too_long: Any
    control: Any


TITLE = Wording(
    gettext_lazy("Give a title."),
    gettext_lazy("Keep a title to %(limit)s characters."),
    gettext_lazy("Take out the control characters in a title."),
)
PURPOSE = Wording(
    None,
    gettext_lazy("Keep the purpose to %(limit)s characters."),
    gettext_lazy("Take out the control characters in the purpose."),
)
REASON = Wording(
    gettext_lazy("Give a short reason."),
    gettext_lazy("Keep a short reason to %(limit)s characters."),
    gettext_lazy("Take out the control characters in a short reason."),
)
SECTION_TITLE = Wording(
    gettext_lazy("Give section %(number)s's title."),
    gettext_lazy("Keep section %(number)s's title to %(limit)s characters."),
    gettext_lazy("Take out the control characters in section %(number)s's title."),
)
SECTION_TEXT = Wording(
    None,
    gettext_lazy("Keep section %(number)s's text to %(limit)s characters."),
    gettext_lazy("Take out the control characters in section %(number)s's text."),
)
COMMENT = Wording(
    gettext_lazy("Give your comment."),
    gettext_lazy("Keep your comment to %(limit)s characters."),
    gettext_lazy("Take out the control characters in your comment."),
)
PROPOSED_TEXT = Wording(
    gettext_lazy("Give the proposed text."),
    gettext_lazy("Keep the proposed text to %(limit)s characters."),
    gettext_lazy("Take out the control characters in the proposed text."),
)
NEW_SECTION_TITLE = Wording(
    gettext_lazy("Give the new section's title."),
    gettext_lazy("Keep the new section's title to %(limit)s characters."),
    gettext_lazy("Take out the control characters in the new section's title."),
)
SECTION_TITLE_GIVEN = Wording(
    None,
    gettext_lazy("Keep the section's title to %(limit)s characters."),
    gettext_lazy("Take out the control characters in the section's title."),
)


def _text(field: str, value: str, limit: int, wording: Wording, number: int = 0) -> str:
    """The text, trimmed; refused when missing (if the wording has words for that), too
    long, or holding control characters."""
    value = value.strip()
    values = {"limit": f"{limit:,}", "number": number}
    if wording.missing is not None and not value:
        raise ValidationError({field: wording.missing % values})
    if len(value) > limit:
        raise ValidationError({field: wording.too_long % values})
    if not storable_text(value):
        raise ValidationError({field: wording.control % values})
    return value


def _reason(value: str, field: str = "reason") -> str:
    return _text(field, value, REASON_MAX, REASON)


def _lock(draft: Draft) -> Draft:
    """The draft's row, locked until the transaction ends; refused once adopted."""
    locked = (
        Draft.objects.select_for_update().select_related("initiative", "stage").get(pk=draft.pk)
    )
    if locked.adopted:
        raise ValidationError(READ_ONLY)
    return locked


def _record_contribution(
    actor: Any, draft: Draft, source: Any, kind: str, description: str
) -> None:
    record.do_record_contribution(
        source=source,
        recorded_by=actor,
        contributor=actor,
        initiative=draft.initiative,
        stage=draft.stage,
        kind=kind,
        quantity=1,
        unit=Unit.COUNT,
        occurred_on=timezone.localdate(),
        description=description[:500],
    )


def _deciding_body(draft: Draft) -> str:
    bodies = {
        DECIDING_BODY_OF_SIDE[Side(side)] for side in draft.group.values_list("side", flat=True)
    }
    return bodies.pop() if len(bodies) == 1 else DecidingBody.JOINT


@transaction.atomic
def draft_create(*, actor: Any, initiative: Initiative, title: str, purpose: str = "") -> Draft:
    """A new, empty draft in the initiative's co-design stage; its group writes the text."""
    gate.require(actor, "drafts.create", initiative)
    stage = stage_of(initiative, StageKind.CO_DESIGN)
    if stage is None:
        raise ValidationError({"title": _("Add a co-design stage to the initiative first.")})
    draft = Draft(
        initiative=initiative,
        stage=stage,
        title=_text("title", title, TITLE_MAX, TITLE),
        purpose=_text("purpose", purpose, 2000, PURPOSE),
        created_by=actor,
    )
    draft.save()
    return draft


@transaction.atomic
def drafting_group_set(*, actor: Any, draft: Draft, people: Sequence[Any]) -> list[GroupMember]:
    """Who drafts: active members of the initiative, from the citizens' side and the
    professionals' at least, each on their side there. Replaces the group as it was."""
    gate.require(actor, "drafts.set_group", draft.initiative)
    draft = _lock(draft)
    sides: dict[Any, str] = {}
    for person in people:
        found = standing(person, draft.initiative)
        if not found.active:
            raise ValidationError(
                {"people": _("%(person)s is not an active member here.") % {"person": person}}
            )
        sides[person] = found.side
    if not {Side.CITIZEN, Side.REGULAR_PRODUCER} <= set(sides.values()):
        raise ValidationError({"people": BOTH_SIDES})
    draft.group.exclude(person__in=list(sides)).delete()
    kept = set(draft.group.values_list("person", flat=True))
    GroupMember.objects.bulk_create(
        GroupMember(draft=draft, person=person, side=side)
        for person, side in sides.items()
        if person.pk not in kept
    )
    return list(selectors.group_of(draft))


def _clean_sections(sections: Sequence[SectionText], known: set[int]) -> list[SectionText]:
    if not sections:
        raise ValidationError({"sections": _("Give the draft at least one section.")})
    if len(sections) > SECTIONS_MAX:
        raise ValidationError(
            {"sections": _("A draft has at most %(most)s sections.") % {"most": SECTIONS_MAX}}
        )
    cleaned, seen = [], set()
    for number, section in enumerate(sections, start=1):
        if section.key is not None and (section.key not in known or section.key in seen):
            raise ValidationError(
                {
                    "sections": _(
                        "Section %(number)s: That section is not in the current version of "
                        "the draft."
                    )
                    % {"number": number}
                }
            )
        seen.add(section.key)
        cleaned.append(
            SectionText(
                title=_text("sections", section.title, TITLE_MAX, SECTION_TITLE, number),
                body=_text("sections", section.body, BODY_MAX, SECTION_TEXT, number),
                key=section.key,
            )
        )
    return cleaned


def _write_version(
    draft: Draft,
    author: Any,
    reason: str,
    sections: Sequence[SectionText],
    amendment: Amendment | None = None,
) -> DraftVersion:
    """The next version of a locked draft, with these sections in this order."""
    latest = selectors.latest_version(draft)
    version = DraftVersion.objects.create(
        draft=draft,
        number=(latest.number + 1) if latest else 1,
        author=author,
        reason=reason,
        amendment=amendment,
    )
    next_key = selectors.highest_key(draft)
    rows = []
    for position, section in enumerate(sections, start=1):
        key = section.key
        if key is None:
            next_key += 1
            key = next_key
        rows.append(
            Section(
                version=version, key=key, position=position, title=section.title, body=section.body
            )
        )
    Section.objects.bulk_create(rows)
    return version


@transaction.atomic
def version_save(
    *,
    actor: Any,
    draft: Draft,
    sections: Sequence[SectionText],
    reason: str,
    based_on: int | None = None,
) -> DraftVersion:
    """The drafting group saves the text as a new version. ``based_on`` is the version the
    editor opened: if another was saved since, nothing is saved and they are told."""
    gate.require(actor, "drafts.edit", draft)
    draft = _lock(draft)
    reason = _reason(reason)
    latest = selectors.latest_version(draft)
    current = latest.number if latest else 0
    if based_on is not None and based_on != current:
        raise ValidationError(
            {
                "based_on": _(
                    "Someone saved version %(current)s since you opened version %(based_on)s. "
                    "Open the draft again and make your change there."
                )
                % {"current": current, "based_on": based_on}
            }
        )
    known = {s.key for s in selectors.sections_of(latest)}
    version = _write_version(draft, actor, reason, _clean_sections(sections, known))
    _record_contribution(
        actor,
        draft,
        version,
        ContributionKind.SKILLS,
        _("Drafted a version: %(title)s") % {"title": draft.title},
    )
    return version


@transaction.atomic
def comment_add(*, actor: Any, draft: Draft, section_key: int, text: str) -> Comment:
    gate.require(actor, "drafts.comment", draft)
    draft = _lock(draft)
    latest = selectors.latest_version(draft)
    if section_key not in {s.key for s in selectors.sections_of(latest)} or latest is None:
        raise ValidationError({"section": NO_SUCH_SECTION})
    text = _text("text", text, COMMENT_MAX, COMMENT)
    return Comment.objects.create(
        draft=draft, section_key=section_key, version=latest, author=actor, text=text
    )


def _current_section(draft: Draft, key: int | None) -> tuple[DraftVersion, Section | None]:
    latest = selectors.latest_version(draft)
    if latest is None:
        raise ValidationError(_("The draft has no text yet to amend."))
    if key is None:
        return latest, None
    section = latest.sections.filter(key=key).first()
    if section is None:
        raise ValidationError({"section": NO_SUCH_SECTION})
    return latest, section


def _amendment_text(kind: str, title: str, body: str, section: Section | None) -> tuple[str, str]:
    if kind == AmendmentKind.DELETE:
        return "", ""
    body = _text("body", body, BODY_MAX, PROPOSED_TEXT)
    if kind == AmendmentKind.ADD:
        return _text("title", title, TITLE_MAX, NEW_SECTION_TITLE), body
    assert section is not None
    given = _text("title", title, TITLE_MAX, SECTION_TITLE_GIVEN)
    return given or section.title, body


@transaction.atomic
def amendment_propose(
    *,
    actor: Any,
    draft: Draft,
    kind: str,
    reason: str,
    section_key: int | None = None,
    title: str = "",
    body: str = "",
) -> Amendment:
    """A member proposes to replace, add or delete a section, with a reason: an idea they
    bring to the design, in the record as theirs."""
    gate.require(actor, "drafts.propose", draft)
    draft = _lock(draft)
    if kind not in AmendmentKind.values:
        raise ValidationError({"kind": _("Choose to replace, add or delete a section.")})
    if kind == AmendmentKind.ADD:
        section_key = None
    elif section_key is None:
        raise ValidationError({"section": _("Choose the section to change.")})
    base, section = _current_section(draft, section_key)
    title, body = _amendment_text(kind, title, body, section)
    amendment = Amendment.objects.create(
        draft=draft,
        base_version=base,
        kind=kind,
        section_key=section_key,
        title=title,
        body=body,
        reason=_reason(reason),
        author=actor,
    )
    _record_contribution(
        actor,
        draft,
        amendment,
        ContributionKind.IDEA,
        _("Proposed an amendment: %(title)s") % {"title": draft.title},
    )
    return amendment


@transaction.atomic
def amendment_update(
    *, actor: Any, amendment: Amendment, title: str = "", body: str = "", reason: str
) -> Amendment:
    """The author brings an open amendment up to date with the current version (after the
    section changed under it), with new text and reason."""
    gate.require(actor, "drafts.update_amendment", amendment)
    draft = _lock(amendment.draft)
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if locked.status != AmendmentStatus.OPEN:
        raise ValidationError(_("Only an open amendment can be updated."))
    base, section = _current_section(draft, locked.section_key)
    locked.title, locked.body = _amendment_text(locked.kind, title, body, section)
    locked.reason, locked.base_version = _reason(reason), base
    locked.save(update_fields=["title", "body", "reason", "base_version"])
    return locked


def _open(amendment: Amendment) -> Amendment:
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if locked.status != AmendmentStatus.OPEN:
        already = {
            AmendmentStatus.ACCEPTED: _("This amendment is already accepted."),
            AmendmentStatus.REJECTED: _("This amendment is already rejected."),
        }
        raise ValidationError(already[AmendmentStatus(locked.status)])
    return locked


@transaction.atomic
def amendment_support(*, actor: Any, amendment: Amendment, support: bool = True) -> int:
    """Back an open amendment (once), or withdraw the backing; the count after."""
    gate.require(actor, "drafts.support", amendment)
    locked = _open(amendment)
    if support:
        Support.objects.get_or_create(amendment=locked, person=actor)
    else:
        Support.objects.filter(amendment=locked, person=actor).delete()
    return locked.supports.count()


CONFLICT = gettext_lazy(
    "The section this amendment changes was changed since it was proposed (now version "
    "%(number)s). Ask its author to update the amendment, or reject it."
)


def _changed_sections(draft: Draft, amendment: Amendment) -> tuple[DraftVersion, list[SectionText]]:
    """The current version's sections with the amendment applied; refused if the section it
    changes is gone or differs from the version the amendment was proposed against."""
    latest = selectors.latest_version(draft)
    assert latest is not None  # an amendment is made against a version
    current = selectors.sections_of(latest)
    texts = [SectionText(s.title, s.body, s.key) for s in current]
    if amendment.kind == AmendmentKind.ADD:
        return latest, [*texts, SectionText(amendment.title, amendment.body)]
    key = amendment.section_key
    assert key is not None  # only an added section has none
    was = amendment.base_version.sections.filter(key=key).first()
    now = next((s for s in current if s.key == amendment.section_key), None)
    if now is None or was is None or (now.title, now.body) != (was.title, was.body):
        raise ValidationError(CONFLICT % {"number": latest.number})
    if amendment.kind == AmendmentKind.DELETE:
        if len(texts) == 1:
            raise ValidationError(
                _("A draft keeps at least one section; this would delete the last.")
            )
        return latest, [t for t in texts if t.key != amendment.section_key]
    return latest, [
        SectionText(amendment.title, amendment.body, t.key) if t.key == amendment.section_key else t
        for t in texts
    ]


@transaction.atomic
def amendment_decide(*, actor: Any, amendment: Amendment, accept: bool, reason: str) -> Amendment:
    """A member of the drafting group accepts or rejects an amendment, with reasons: a
    decision in the record initiated by the amendment's author. Accepting writes the next
    version; if the section changed since the proposal nothing is written."""
    gate.require(actor, "drafts.decide", amendment)
    draft = _lock(amendment.draft)
    locked = _open(amendment)
    reason = _reason(reason)
    if accept:
        sections = _changed_sections(draft, locked)[1]
        _write_version(
            draft,
            actor,
            (
                _("Amendment %(number)s accepted: %(reason)s")
                % {"number": locked.pk, "reason": reason}
            )[:REASON_MAX],
            sections,
            locked,
        )
    locked.status = AmendmentStatus.ACCEPTED if accept else AmendmentStatus.REJECTED
    locked.decided_by, locked.decision_reason = actor, reason
    locked.record = record.do_record_decision(
        source=locked,
        recorded_by=actor,
        initiative=draft.initiative,
        stage=draft.stage,
        title=(
            (
                _("%(title)s: amendment %(number)s accepted")
                if accept
                else _("%(title)s: amendment %(number)s rejected")
            )
            % {"title": draft.title, "number": locked.pk}
        )[:200],
        outcome=reason,
        initiated_by=locked.author,
        decided_by=_deciding_body(draft),
        rule=DecisionRule.DELEGATED,
        kind=DecisionKind.DECISION if accept else DecisionKind.EXCLUSION,
        participants=[Participant(actor, Position.PRESENT)],
        decided_on=timezone.localdate(),
    )
    locked.save(update_fields=["status", "decided_by", "decision_reason", "record"])
    return locked


@transaction.atomic
def draft_adopt(
    *,
    actor: Any,
    draft: Draft,
    number: int,
    rule: str,
    reason: str,
    positions: dict[Any, str] | None = None,
) -> Draft:
    """The drafting group adopts a version, by consensus (every member taking part) or by
    vote (each member's position, in the open; it carries with more for than against).
    Adopted, the draft is read-only and the version citable at its own address."""
    gate.require(actor, "drafts.adopt", draft)
    draft = _lock(draft)
    reason = _reason(reason)
    version = selectors.version_numbered(draft, number)
    if version is None:
        raise ValidationError({"number": _("There is no version with that number.")})
    group = {m.person: m.side for m in selectors.group_of(draft)}
    if rule == DecisionRule.CONSENSUS:
        given: dict[Any, str] = dict.fromkeys(group, Position.PRESENT)
        carried, result = True, _("Adopted by consensus of the drafting group.")
    elif rule == DecisionRule.VOTE:
        given = positions or {}
        allowed = {Position.FOR, Position.AGAINST, Position.ABSTAINED}
        if set(given) != set(group) or any(p not in allowed for p in given.values()):
            raise ValidationError({"positions": ADOPT_POSITIONS})
        tally = Counter(given.values())
        carried = tally[Position.FOR] > tally[Position.AGAINST]
        counts = {
            "for": tally[Position.FOR],
            "against": tally[Position.AGAINST],
            "abstaining": tally[Position.ABSTAINED],
        }
        result = (
            _("Adopted: %(for)s for, %(against)s against, %(abstaining)s abstaining.")
            if carried
            else _("Not adopted: %(for)s for, %(against)s against, %(abstaining)s abstaining.")
        ) % counts
    else:
        raise ValidationError({"rule": _("The drafting group adopts by consensus or by vote.")})
    decision = record.do_record_decision(
        source=version,
        recorded_by=actor,
        initiative=draft.initiative,
        stage=draft.stage,
        title=(
            _("Adopt %(title)s, version %(number)s")
            % {"title": draft.title, "number": version.number}
        )[:200],
        outcome=f"{result} {reason}"[:4000],
        initiated_by=actor,
        decided_by=_deciding_body(draft),
        rule=rule,
        carried=carried,
        participants=[Participant(p, pos, side=group[p]) for p, pos in given.items()],
        decided_on=timezone.localdate(),
    )
    if carried:
        draft.adopted_version, draft.adoption = version, decision
        draft.save(update_fields=["adopted_version", "adoption"])
    return draft
