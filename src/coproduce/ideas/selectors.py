"""Reads for ideas. What a hidden idea or comment said is given only to those who may see
hidden items (the coordinators): everyone else gets the public reason in its place, from
``shown_idea`` and ``shown_comment``, which every page and the API read through."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from coproduce.budgeting.models import Budget
from coproduce.core import gate
from coproduce.events.models import Event
from coproduce.ideas.models import Answer, Comment, Idea, IdeaStatus, ModerationEntry
from coproduce.initiatives.models import Initiative

SORTS = {"newest": ("-created_at", "-id"), "supported": ("-supporters", "-created_at", "-id")}
HIDDEN_TITLE = "Hidden idea"


def ideas_of(
    initiative: Initiative,
    *,
    status: str | None = None,
    category: str | None = None,
    sort: str = "newest",
) -> QuerySet[Idea]:
    """The initiative's ideas (merged ones included: they point at the kept idea), with
    their supporters counted, filtered and sorted as asked."""
    found = Idea.objects.filter(initiative=initiative).annotate(supporters=Count("supports"))
    if status:
        found = found.filter(status=status)
    if category:
        found = found.filter(category=category)
    return found.select_related("author", "initiative").order_by(*SORTS[sort])


def idea_with_count(initiative: Initiative, pk: Any) -> Idea | None:
    return ideas_of(initiative).filter(pk=pk).first()


@dataclass(frozen=True)
class ShownIdea:
    """An idea as one person may see it."""

    idea: Idea
    title: str
    text: str
    hidden_reason: str
    revealed: bool  # hidden, and shown to this person (a coordinator) all the same
    supporters: int

    @property
    def pk(self) -> int:
        return self.idea.pk

    @property
    def category(self) -> str:
        return self.idea.category

    @property
    def picture(self) -> Any:
        return (
            self.idea.image
            if self.idea.image and (self.revealed or not self.hidden_reason)
            else None
        )


def may_see_hidden(user: Any, initiative: Initiative) -> bool:
    return gate.allows(user, "ideas.see_hidden", initiative)


def shown_idea(idea: Idea, reveal: bool) -> ShownIdea:
    hidden = bool(idea.hidden_reason)
    withheld = hidden and not reveal
    return ShownIdea(
        idea=idea,
        title=HIDDEN_TITLE if withheld else idea.title,
        text="" if withheld else idea.text,
        hidden_reason=idea.hidden_reason,
        revealed=hidden and reveal,
        supporters=getattr(idea, "supporters", 0),
    )


def events_ideas_come_from(initiative: Initiative) -> QuerySet[Event]:
    """The initiative's events that have begun, latest first: where an idea may come from."""
    return Event.objects.filter(initiative=initiative, starts_at__lte=timezone.now()).order_by(
        "-starts_at"
    )


def ideas_from_event(event: Event, reveal: bool) -> list[ShownIdea]:
    """The ideas that came from the event, as each viewer may see them (a hidden one's
    title withheld)."""
    return [shown_idea(idea, reveal) for idea in event.ideas.order_by("created_at")]


def shown_comment(comment: Comment, reveal: bool) -> dict[str, Any]:
    hidden = bool(comment.hidden_reason)
    return {
        "comment": comment,
        "id": comment.pk,
        "author": comment.author,
        "created_at": comment.created_at,
        "text": comment.text if reveal or not hidden else "",
        "hidden_reason": comment.hidden_reason,
        "revealed": hidden and reveal,
    }


def comments_shown(idea: Idea, reveal: bool) -> list[dict[str, Any]]:
    comments = Comment.objects.filter(idea=idea).select_related("author")
    return [shown_comment(c, reveal) for c in comments]


def supports(user: Any, idea: Idea) -> bool:
    return bool(user.is_authenticated and idea.supports.filter(person=user).exists())


def answers_of(idea: Idea) -> QuerySet[Answer]:
    return Answer.objects.filter(idea=idea).select_related("answered_by", "process", "proposal")


def moderation_log(initiative: Initiative) -> QuerySet[ModerationEntry]:
    return ModerationEntry.objects.filter(initiative=initiative).select_related(
        "idea", "comment", "moderator", "merged_into"
    )


def counts(initiative: Initiative) -> dict[str, int]:
    """How many ideas the initiative has, and how many have been answered."""
    ideas = Idea.objects.filter(initiative=initiative).exclude(status=IdeaStatus.MERGED)
    return {
        "ideas": ideas.count(),
        "answered": ideas.exclude(status=IdeaStatus.NEW).count(),
    }


def merge_targets(idea: Idea) -> QuerySet[Idea]:
    """The ideas a duplicate may be merged into: the others of its initiative, not merged."""
    return (
        Idea.objects.filter(initiative_id=idea.initiative_id)
        .exclude(pk=idea.pk)
        .exclude(status=IdeaStatus.MERGED)
        .order_by("title", "id")
    )


def pb_budgets(initiative: Initiative) -> QuerySet[Budget]:
    """The budgets of the initiative's PB processes, newest process first, for an answer
    "into a PB process"."""
    return (
        Budget.objects.filter(process__initiative=initiative)
        .select_related("process")
        .order_by("-process_id", "id")
    )
