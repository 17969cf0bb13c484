"""What each kind of object puts in the search index: its title, the text searched beside
it, the initiative whose visibility decides who finds it, and where it lives.

One place names every source, so the index, its rebuilding and the tests agree on it."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import reverse

from coproduce.budgeting.models import Proposal
from coproduce.ideas.models import Idea
from coproduce.initiatives.models import Initiative
from coproduce.organisations.models import Organisation
from coproduce.search.models import Kind
from coproduce.volunteering.models import Opportunity


@dataclass(frozen=True)
class Entry:
    """One object as the index holds it."""

    kind: str
    object_id: int
    initiative_id: int | None
    listed: bool
    title: str
    body: str


def _text(*parts: Any) -> str:
    return "\n".join(str(part) for part in parts if part)


def initiative_entry(initiative: Initiative) -> Entry:
    """An initiative; one with a case study is in the case library, and found as a case."""
    # A missing case study raises an AttributeError, which getattr turns into None.
    case = getattr(initiative, "case_study", None)
    organisation = initiative.lead_organisation
    body = _text(
        initiative.summary,
        initiative.locality,
        organisation.name if organisation else "",
        case.motivation if case else "",
        case.participants if case else "",
    )
    return Entry(
        kind=Kind.CASE if case else Kind.INITIATIVE,
        object_id=initiative.pk,
        initiative_id=initiative.pk,
        listed=True,
        title=initiative.title,
        body=body,
    )


def proposal_entry(proposal: Proposal) -> Entry:
    return Entry(
        kind=Kind.PROPOSAL,
        object_id=proposal.pk,
        initiative_id=proposal.budget.process.initiative_id,
        listed=True,
        title=proposal.title,
        body=_text(proposal.description, proposal.category),
    )


def idea_entry(idea: Idea) -> Entry:
    """A hidden idea is not listed: its title and text are for its coordinators alone."""
    return Entry(
        kind=Kind.IDEA,
        object_id=idea.pk,
        initiative_id=idea.initiative_id,
        listed=not idea.hidden_reason,
        title=idea.title,
        body=_text(idea.text, idea.category),
    )


def opportunity_entry(opportunity: Opportunity) -> Entry:
    return Entry(
        kind=Kind.OPPORTUNITY,
        object_id=opportunity.pk,
        initiative_id=opportunity.initiative_id,
        listed=True,
        title=opportunity.title,
        body=_text(
            opportunity.role, opportunity.description, opportunity.skills, opportunity.location
        ),
    )


def organisation_entry(organisation: Organisation) -> Entry:
    return Entry(
        kind=Kind.ORGANISATION,
        object_id=organisation.pk,
        initiative_id=None,
        listed=True,
        title=organisation.name,
        body=_text(organisation.get_kind_display(), organisation.locality),
    )


def url_of(kind: str, object_id: int, initiative_slug: str | None) -> str:
    """Where a found object lives, from its index entry (its initiative's slug as it is
    now, read with the entry)."""
    if kind in (Kind.INITIATIVE, Kind.CASE):
        return reverse("initiatives:detail", kwargs={"slug": initiative_slug})
    if kind == Kind.PROPOSAL:
        return reverse("budgeting:proposal", kwargs={"pk": object_id})
    if kind == Kind.IDEA:
        return reverse("ideas:detail", kwargs={"slug": initiative_slug, "pk": object_id})
    if kind == Kind.OPPORTUNITY:
        return reverse(
            "volunteering:opportunity", kwargs={"slug": initiative_slug, "pk": object_id}
        )
    return reverse("organisations:list")


@dataclass(frozen=True)
class Source:
    model: type[Model]
    entry: Callable[[Any], Entry]
    every: Callable[[], QuerySet[Any]]


SOURCES: tuple[Source, ...] = (
    Source(
        Initiative,
        initiative_entry,
        lambda: Initiative.objects.select_related("lead_organisation", "case_study"),
    ),
    Source(
        Proposal,
        proposal_entry,
        lambda: Proposal.objects.select_related("budget__process"),
    ),
    Source(Idea, idea_entry, lambda: Idea.objects.all()),
    Source(Opportunity, opportunity_entry, lambda: Opportunity.objects.all()),
    Source(Organisation, organisation_entry, lambda: Organisation.objects.all()),
)


def source_of(obj: Model) -> Source:
    for source in SOURCES:
        if isinstance(obj, source.model):
            return source
    raise LookupError(f"{type(obj).__name__} is not searched.")


def every_entry() -> Iterator[Entry]:
    for source in SOURCES:
        for obj in source.every().order_by("pk").iterator(chunk_size=2000):
            yield source.entry(obj)
