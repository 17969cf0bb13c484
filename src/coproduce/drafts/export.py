"""A version as a Markdown file, to take away or to cite."""

from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.drafts import selectors
from coproduce.drafts.models import Draft, DraftVersion


def as_markdown(draft: Draft, version: DraftVersion) -> str:
    saved = {
        "initiative": draft.initiative.title,
        "number": version.number,
        "day": f"{timezone.localtime(version.created_at):%d %B %Y}",
    }
    if draft.adopted_version_id == version.pk:
        about = _("%(initiative)s: version %(number)s (adopted), saved %(day)s.") % saved
    else:
        about = _("%(initiative)s: version %(number)s (draft), saved %(day)s.") % saved
    lines = [f"# {draft.title}", "", about, ""]
    for section in selectors.sections_of(version):
        lines += [f"## {section.title}", "", section.body, ""]
    return "\n".join(lines)
