"""Formatting of the record's integer units for people: minutes as hours, pence as pounds."""

from django import template
from django.conf import settings

from coproduce.core.markdown import inert, render_markdown
from coproduce.core.vocabulary import side_in_plain_words

register = template.Library()


@register.filter
def plain_side(side: str | None) -> str:
    """A side in the words people use: "Resident or service user", "Staff", "Councillor"."""
    return side_in_plain_words(side or "")


@register.filter
def duration(minutes: int | None) -> str:
    if not minutes:
        return "–"
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{sign}{hours:,} h {rest} min"
    return f"{sign}{hours:,} h" if hours else f"{sign}{rest} min"


# Currencies written with a symbol before the amount; any other ISO 4217 code follows it.
CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


@register.filter
def money(cents: int | None, currency: str = "GBP") -> str:
    """An amount in hundredths (pence, cents) in its currency: £1,234.50, €12.00, 30.00 PLN."""
    if not cents:
        return "–"
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol:
        return f"{sign}{symbol}{whole:,}.{rest:02d}"
    return f"{sign}{whole:,}.{rest:02d} {currency}"


@register.filter
def quantity(entry: object) -> str:
    """An entry's quantity in its own unit, for people."""
    unit, value = getattr(entry, "unit", ""), getattr(entry, "quantity", 0)
    if unit == "minutes":
        return duration(value)
    if unit == "pence":
        return money(value)
    return f"{value:,}"


@register.filter
def markdown(text: str) -> str:
    """Markdown someone wrote, as sanitised HTML (core.markdown)."""
    return render_markdown(text or "")


@register.filter(name="inert")
def inert_filter(text: str) -> str:
    """Text someone wrote, escaped, with nothing in it that reads as markup or a script URL."""
    return inert(text or "")


@register.simple_tag
def site_languages() -> list[tuple[str, str]]:
    """The languages of the site, each named in itself ("English", "Cymraeg") whatever the
    page's language: Django's ``get_available_languages`` would translate the names."""
    return list(settings.LANGUAGES)
