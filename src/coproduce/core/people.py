"""Picking a person by name: one form field for every form that names someone.

People are chosen by the name the interface shows them by, never by a username the
interface never shows. A form offers only the people its view hands it (an initiative's
members, usually): when they are few, a list to choose from; when many, a text field with
suggestions (a ``<datalist>``, filled as one types by a small script of our own from the
members-only ``search_url``). Without JavaScript the server still resolves what was typed,
and says in words what to fix: no one by that name, or two people by it and which to pick.

Names shared by two people are told apart by a number (in the order their accounts were
made), in the suggestions and in what the field accepts, so that each person has one label.
Never by anything from their profile: anyone may take a display name, and a label must not
tell them where the person of that name lives.
"""

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# Up to this many people, the field is a list to choose from; above it, a search field.
FEW = 40
# How many names a search field suggests before anything is typed, and per search.
SUGGESTED = 50
SEARCHED = 20

# The longest label a person can have: an account name (150 characters) and a number.
LONGEST_LABEL = 160

_SUFFIX = re.compile(r"^(?P<name>.+?)\s*\((?P<tag>[^()]+)\)$")


def name_of(person: Any) -> str:
    """The name a person is shown by (their display name, or their account name if they
    gave none, as everywhere else)."""
    return str(person)


def labels_of(people: Iterable[Any]) -> dict[str, Any]:
    """Each person's label, unique among ``people``: their name, with a number after it
    where two share a name."""
    by_name: dict[str, list[Any]] = {}
    for person in people:
        by_name.setdefault(name_of(person).casefold(), []).append(person)
    labels: dict[str, Any] = {}
    for same in by_name.values():
        if len(same) == 1:
            labels[name_of(same[0])] = same[0]
            continue
        same.sort(key=lambda person: person.pk)
        for number, person in enumerate(same, start=1):
            labels[f"{name_of(person)} ({number})"] = person
    return labels


def named(people: QuerySet[Any], name: str) -> QuerySet[Any]:
    """The people among ``people`` shown by ``name`` (any case)."""
    return people.filter(
        Q(display_name__iexact=name) | Q(display_name="", username__iexact=name)
    ).order_by("pk")


def matching(people: QuerySet[Any], text: str, limit: int = SEARCHED) -> list[str]:
    """Labels of people whose name contains ``text``, for suggestions, in name order."""
    text = text.replace("\x00", "").strip()  # PostgreSQL refuses a NUL in a string
    if not text:
        found = people.order_by("display_name", "pk")[:limit]
    else:
        found = people.filter(
            Q(display_name__icontains=text) | Q(display_name="", username__icontains=text)
        ).order_by("display_name", "pk")[:limit]
    names = {name_of(person).casefold() for person in found}
    # the whole group of each name, so that the labels are those the field accepts
    group = people.filter(
        Q(display_name__in=[person.display_name for person in found if person.display_name])
        | Q(display_name="", username__in=[p.username for p in found if not p.display_name])
    )
    labels = labels_of(person for person in group if name_of(person).casefold() in names)
    return sorted(labels, key=str.casefold)[:limit]


class PersonWidget(forms.Widget):
    """A list of people when they are few, else a text field with suggestions."""

    template_name = "core/widgets/person.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices: list[tuple[str, str]] = []
        self.suggestions: list[str] = []
        self.search_url = ""
        self.empty_label: Any = ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["choices"] = self.choices
        widget["suggestions"] = self.suggestions
        widget["search_url"] = self.search_url
        widget["empty_label"] = self.empty_label
        widget["value"] = "" if value is None else str(value)
        return context

    def format_value(self, value: Any) -> Any:
        if value is not None and not isinstance(value, str) and self.choices:
            return str(value.pk)
        if value is not None and not isinstance(value, str):
            return next((label for label, person in labels_of([value]).items()), name_of(value))
        return value


NO_ONE = gettext_lazy("Pick a person from the list or type their name.")


class PersonField(forms.Field):
    """A person chosen by name from the people ``offer`` gives it; cleans to that person.

    What was typed is resolved on the server, so the field works without JavaScript: an
    unknown name is "no member is called …" (alike for a person who exists elsewhere, so
    it tells no one who belongs where), a shared name asks which of them."""

    widget = PersonWidget
    default_error_messages = {"required": NO_ONE}

    def __init__(self, *, empty_label: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            gettext_lazy("Choose them by name; only members of this initiative are listed."),
        )
        super().__init__(**kwargs)
        self.people: QuerySet[Any] | None = None
        assert isinstance(self.widget, PersonWidget)
        self.widget.empty_label = empty_label or gettext_lazy("Choose a person")

    def offer(self, people: QuerySet[Any], search_url: str = "") -> None:
        """Let the field name one of ``people``; ``search_url`` answers suggestions."""
        self.people = people
        widget = self.widget
        assert isinstance(widget, PersonWidget)
        widget.search_url = search_url
        few = list(people.order_by("display_name", "username", "pk")[: FEW + 1])
        if len(few) <= FEW:
            labels = labels_of(few)
            widget.choices = sorted(
                ((str(person.pk), label) for label, person in labels.items()),
                key=lambda choice: choice[1].casefold(),
            )
            widget.suggestions = []
        else:
            widget.choices = []
            widget.suggestions = matching(people, "", SUGGESTED)

    def to_python(self, value: Any) -> Any:
        text = "" if value is None else str(value).strip()
        if text in self.empty_values:
            return None
        if self.people is None:
            raise ValidationError(NO_ONE, code="invalid")
        widget = self.widget
        assert isinstance(widget, PersonWidget)
        if "\x00" in text or len(text) > LONGEST_LABEL:
            # no name holds a NUL (PostgreSQL would refuse it) or runs this long (SQLite
            # refuses a LIKE pattern past 50,000 bytes)
            raise ValidationError(NO_ONE, code="invalid")
        if widget.choices and text.isascii() and text.isdigit() and len(text) < 19:
            found = self.people.filter(pk=text).first()
            if found is None:
                raise ValidationError(NO_ONE, code="invalid")
            return found
        return self.resolve(text)

    def resolve(self, text: str) -> Any:
        """The one person ``text`` names, or an error that says what to do."""
        assert self.people is not None
        suffix = _SUFFIX.match(text)
        names = [text, suffix.group("name")] if suffix else [text]
        group = [person for name in names for person in named(self.people, name)]
        labels = labels_of({person.pk: person for person in group}.values())
        by_label = {label.casefold(): person for label, person in labels.items()}
        if text.casefold() in by_label:
            return by_label[text.casefold()]
        same = [label for label in labels if label.casefold().startswith(text.casefold())]
        if len(same) > 1:
            raise ValidationError(
                ngettext(
                    "%(count)s person is called %(name)s: pick one of %(choices)s.",
                    "%(count)s people are called %(name)s: pick one of %(choices)s.",
                    len(same),
                )
                % {"count": len(same), "name": text, "choices": _(", ").join(sorted(same))},
                code="ambiguous",
            )
        near = matching(self.people, suffix.group("name") if suffix else text, 5)
        message = _("No member of this initiative is called “%(name)s”.") % {"name": text}
        if near:
            message += " " + _("Did you mean %(names)s?") % {"names": _(" or ").join(near)}
        else:
            message += " " + str(NO_ONE)
        raise ValidationError(message, code="no_one")
