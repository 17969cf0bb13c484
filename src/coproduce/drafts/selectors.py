"""Reads for drafts: versions and their sections, amendments with their support."""

from typing import Any

from django.db.models import Count, Max, QuerySet

from coproduce.drafts.models import Amendment, Comment, Draft, DraftVersion, GroupMember, Section
from coproduce.initiatives.models import Initiative


def drafts_of(initiative: Initiative) -> QuerySet[Draft]:
    return (
        Draft.objects.filter(initiative=initiative)
        .select_related("initiative", "adopted_version")
        .annotate(version_count=Count("versions", distinct=True))
        .order_by("-created_at", "-pk")  # Meta.ordering does not apply to a GROUP BY
    )


def latest_version(draft: Draft) -> DraftVersion | None:
    return draft.versions.order_by("-number").first()


def version_numbered(draft: Draft, number: int) -> DraftVersion | None:
    return draft.versions.select_related("author").filter(number=number).first()


def versions_of(draft: Draft) -> QuerySet[DraftVersion]:
    return draft.versions.select_related("author", "amendment").order_by("-number")


def sections_of(version: DraftVersion | None) -> list[Section]:
    return [] if version is None else list(version.sections.order_by("position"))


def highest_key(draft: Draft) -> int:
    """The highest section key the draft has ever used (0 for none): keys are never reused."""
    found = Section.objects.filter(version__draft=draft).aggregate(top=Max("key"))["top"]
    return found or 0


def group_of(draft: Draft) -> QuerySet[GroupMember]:
    return draft.group.select_related("person").order_by("side", "person__username")


def amendments_of(draft: Draft, status: str | None = None) -> QuerySet[Amendment]:
    found = (
        draft.amendments.select_related("author", "decided_by", "base_version", "result")
        .annotate(support_count=Count("supports"))
        .order_by("-pk")
    )
    return found.filter(status=status) if status else found


def supports(person: Any, amendment: Amendment) -> bool:
    return person.is_authenticated and amendment.supports.filter(person=person).exists()


def comments_by_section(draft: Draft) -> dict[int, list[Comment]]:
    found: dict[int, list[Comment]] = {}
    for comment in draft.comments.select_related("author", "version"):
        found.setdefault(comment.section_key, []).append(comment)
    return found
