"""The diagnostics pages' words for figures: shares as percentages, names for categories,
and the links from a figure to its definition and to the entries it was computed from."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from coproduce.core.vocabulary import StageKind
from coproduce.diagnostics import presenters
from coproduce.diagnostics.definitions import definitions

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    return presenters.percent(value)


@register.filter
def category(value: str | None) -> str:
    return presenters.CATEGORY_LABELS.get(value or "", _("Not declared"))


@register.filter
def stage(value: str) -> str:
    return str(dict(StageKind.choices).get(value, value))


@register.filter
def day(value: str | None) -> str | None:
    """An ISO day of the answer (``2026-03-12``) as people write it (12 March 2026)."""
    try:
        found = datetime.date.fromisoformat(value or "")
    except (TypeError, ValueError):
        return value
    return date_format(found, "j F Y")


@register.filter
def index(value: float | None) -> str:
    return _("no data") if value is None else f"{value:.4f}"


@register.simple_tag
def definition(key: str) -> SafeString:
    """A link to the figure's definition in the page's Definitions section."""
    found = definitions().get(key)
    title = found.title if found is not None else key
    return format_html(
        '<a class="definition" href="#{}">{}<span class="visually-hidden">: {}</span></a>',
        presenters.anchor(key),
        _("Definition"),
        title,
    )


@register.simple_tag
def entries(url: str, what: str) -> SafeString:
    """A link to the record's entries a figure was computed from."""
    return format_html(
        '<a class="evidence" href="{}">{}<span class="visually-hidden"> {}</span></a>',
        url,
        _("Entries"),
        _("behind %(what)s") % {"what": what},
    )
