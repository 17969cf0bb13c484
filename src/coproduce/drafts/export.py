"""A version as a Markdown file, to take away or to cite."""

from django.utils import timezone

from coproduce.drafts import selectors
from coproduce.drafts.models import Draft, DraftVersion


def as_markdown(draft: Draft, version: DraftVersion) -> str:
    status = "adopted" if draft.adopted_version_id == version.pk else "draft"
    lines = [
        f"# {draft.title}",
        "",
        f"{draft.initiative.title}: version {version.number} ({status}), saved "
        f"{timezone.localtime(version.created_at):%d %B %Y}.",
        "",
    ]
    for section in selectors.sections_of(version):
        lines += [f"## {section.title}", "", section.body, ""]
    return "\n".join(lines)
