"""Every interface string of the translated parts is in Welsh (ADR 0050).

The parts translated so far are listed in ``TRANSLATED``; each has its own Welsh catalogue
(``locale/cy/LC_MESSAGES/django.po``), as the project's own templates do. For them this test
fails on:

- text in a template outside ``{% translate %}``/``{% blocktranslate %}``, including the
  words of ``aria-label``, ``title``, ``alt`` and ``placeholder`` attributes;
- a plain string (not ``_("…")``) given as a label, help text, verbose name or choice label,
  or to ``ValidationError`` or ``messages.*``, in their Python modules;
- a string marked for translation with no Welsh in the catalogues, or a fuzzy or empty entry;
- a compiled ``.mo`` file that says something else than its ``.po`` file.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest
from django.template.base import Lexer, TokenType
from django.utils import translation

import coproduce
from conftest import World
from coproduce.budgeting.tests.conftest import make_pb, open_voting

PACKAGE = Path(coproduce.__file__).parent
# The parts whose every interface string is translated; the others follow (ADR 0050).
TRANSLATED = (
    *("templates", "core", "accounts", "budgeting", "initiatives", "organisations", "cases"),
    *("equality", "record", "diagnostics", "accountability", "events", "financing"),
    *("drafts", "journeymaps", "outcomes", "volunteering", "timecredits", "peersupport"),
    *("comanagement", "exchanges", "selfassessment", "ratings", "personaloutcomes", "inspections"),
    *("portal", "mine", "notifications", "search", "surveys", "ideas", "panels"),
)
# Templates of a translated part that are not translated yet (none now).
NOT_YET: set[str] = set()
# Words that are the same in Welsh: names, and what is not a word.
SAME_IN_WELSH = {"Coproduce", "API", "OpenAPI", "CSV", "ID", "PB", "Pabulib", "Cost", "·", "£", "%"}
# Attributes whose values people read (or hear read).
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "aria-description"}
LETTERS = re.compile(r"[A-Za-z]{2,}")
# Stand-in for what a tag or variable prints: never a word, never markup.
PRINTED = "\u2063"


def _locale_folders() -> set[str]:
    return {
        path.parent.name if path.parent != PACKAGE else "templates"
        for path in PACKAGE.glob("*/locale")
        if path.is_dir()
    } | ({"templates"} if (PACKAGE / "locale").is_dir() else set())


def test_the_translated_parts_are_those_with_a_welsh_catalogue() -> None:
    assert _locale_folders() == set(TRANSLATED)
    for part in TRANSLATED:
        folder = PACKAGE / "locale" if part == "templates" else PACKAGE / part / "locale"
        assert (folder / "cy" / "LC_MESSAGES" / "django.po").exists(), part


def _templates() -> list[Path]:
    found = []
    for part in TRANSLATED:
        root = PACKAGE / "templates" if part == "templates" else PACKAGE / part / "templates"
        found += [
            path
            for path in sorted([*root.glob("**/*.html"), *root.glob("**/*.txt")])
            if str(path.relative_to(root)) not in NOT_YET
        ]
    return found


def _parts(path: Path) -> set[str]:
    return set(path.relative_to(PACKAGE).parts)


def _python_modules() -> list[Path]:
    return [
        path
        for part in TRANSLATED
        if part != "templates"
        for path in sorted((PACKAGE / part).glob("**/*.py"))
        # the API's field descriptions are for developers and stay in English
        if not {"tests", "migrations", "management", "api.py"} & _parts(path)
    ]


class _Reader(HTMLParser):
    """Collects the words a person reads in a template's markup once the tags are gone."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self._read(value)

    def handle_data(self, data: str) -> None:
        self._read(data)

    def _read(self, text: str) -> None:
        for piece in text.split(PRINTED):
            words = " ".join(piece.split())
            if set(LETTERS.findall(words)) - SAME_IN_WELSH:
                self.words.append(words)


def untranslated_template_text(source: str) -> tuple[list[str], list[str]]:
    """The words left outside translate tags, and the msgids the template's simple
    ``{% translate "…" %}`` tags ask for."""
    markup: list[str] = []
    literals: list[str] = []  # words given to tags and filters as arguments
    msgids: list[str] = []
    skipping: str | None = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if skipping:
                if name == skipping:
                    skipping = None
                continue
            if name in {"blocktranslate", "blocktrans"}:
                skipping = "end" + name
            elif name == "comment":
                skipping = "endcomment"
            elif name in {"translate", "trans"}:
                found = re.match(r'\w+ "([^"]*)"', token.contents)
                if found:
                    msgids.append(found.group(1))
            elif re.search(r'\bwith\b.*\w="(?:[A-Z]|[^"]*\s)[^"]*"', token.contents):
                literals.append(f"[tag argument: {token.contents}]")
            markup.append(PRINTED)
        elif skipping:
            continue
        elif token.token_type == TokenType.VAR:
            if re.search(r'(default|yesno):"[^"]*[A-Za-z]', token.contents):
                literals.append(f"[default text: {token.contents}]")
            markup.append(PRINTED)
        elif token.token_type == TokenType.TEXT:
            markup.append(token.contents)
    reader = _Reader()
    reader.feed("".join(markup))
    reader.close()
    return reader.words + literals, msgids


# Where a plain string is an interface string: keyword arguments, and calls whose arguments
# are shown to people.
LABEL_KEYWORDS = {
    *("label", "help_text", "verbose_name", "verbose_name_plural", "empty_label"),
    *("message", "error_messages"),
}
# A form's Meta: its labels, help texts and error messages by field
META_TEXTS = {"labels", "help_texts", "error_messages", "verbose_name", "verbose_name_plural"}
# Calls whose ``message`` is a key, not text: a notification's sentence is found by its key
# in notifications.kinds, where it is translated.
KEYED_CALLS = {"notify"}
# The sortition library's progress events and errors, as our maximin driver raises them in
# the library's words (panels/maximin.py, which runs without Django): the selection page
# writes its own translated progress (panels.drawing.RunProgress); these are for
# ``bench/panel.py --progress`` and the logs, and an error keeps the library's error code.
LIBRARY_CALLS = {"phase", "update", "SelectionError"}
SHOWN_CALLS = {"ValidationError", "add_error", "success", "error", "info", "warning", "add_message"}
SINGULAR_GETTEXT = {"_", "gettext", "gettext_lazy"}
GETTEXT = SINGULAR_GETTEXT | {"pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}


def _plain_strings(node: ast.AST) -> list[str]:
    """Literal text in an expression that is not wrapped in a gettext call."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if LETTERS.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):  # _("…%(n)s") % {…}
        return _plain_strings(node.left)
    if isinstance(node, ast.Dict):  # {field: message}: the keys name fields
        return [text for value in node.values for text in _plain_strings(value)]
    if isinstance(node, ast.BinOp | ast.IfExp | ast.List | ast.Tuple):
        return [text for child in ast.iter_child_nodes(node) for text in _plain_strings(child)]
    return []


def untranslated_python_text(source: str) -> tuple[list[str], list[str]]:
    """Plain strings where people read them, and the msgids of ``_("…")`` calls."""
    found: list[str] = []
    msgids: list[str] = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0] if node.args else None
            if name in SINGULAR_GETTEXT and isinstance(first, ast.Constant):
                msgids.append(first.value)
            if name in SHOWN_CALLS:  # add_error's first argument names the field
                for argument in node.args[1 if name == "add_error" else 0 :]:
                    found += _plain_strings(argument)
            for keyword in node.keywords:
                if keyword.arg == "message" and name in KEYED_CALLS | LIBRARY_CALLS:
                    continue
                if keyword.arg in LABEL_KEYWORDS:
                    found += _plain_strings(keyword.value)
                if keyword.arg == "choices" and isinstance(keyword.value, ast.List):
                    for choice in keyword.value.elts:  # [("", "Choose…"), …]: the labels
                        if isinstance(choice, ast.Tuple) and choice.elts:
                            found += _plain_strings(choice.elts[-1])
        elif isinstance(node, ast.Assign) and any(
            getattr(target, "attr", "") in LABEL_KEYWORDS for target in node.targets
        ):  # field.help_text = "…"
            found += _plain_strings(node.value)
        elif isinstance(node, ast.ClassDef) and any(
            getattr(base, "attr", getattr(base, "id", "")).endswith("Choices")
            for base in node.bases
        ):
            for statement in node.body:
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
                    found += _plain_strings(statement.value.elts[-1])
        elif isinstance(node, ast.ClassDef) and node.name == "Meta":
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and {getattr(target, "id", "") for target in statement.targets} & META_TEXTS
                ):
                    found += _plain_strings(statement.value)
    return found, msgids


def _welsh_entries() -> set[str]:
    """The msgids the Welsh catalogues give a translation, even one spelt as in English
    ("Staff")."""
    return {
        entry.msgid
        for path in PACKAGE.glob("**/locale/cy/LC_MESSAGES/django.po")
        for entry in polib.pofile(str(path))
        if entry.translated() and "fuzzy" not in entry.flags
    }


WELSH_ENTRIES = _welsh_entries()


def _in_welsh(msgid: str) -> bool:
    with translation.override("cy"):
        translated = translation.gettext(msgid) != msgid
    return translated or msgid in WELSH_ENTRIES or msgid in SAME_IN_WELSH


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_template_text_is_translated(path: Path) -> None:
    words, msgids = untranslated_template_text(path.read_text())
    assert words == []
    assert [msgid for msgid in msgids if not _in_welsh(msgid)] == []


@pytest.mark.parametrize("path", _python_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_python_interface_text_is_translated(path: Path) -> None:
    plain, msgids = untranslated_python_text(path.read_text())
    assert [text for text in plain if set(LETTERS.findall(text)) - SAME_IN_WELSH] == []
    assert [msgid for msgid in msgids if not _in_welsh(msgid)] == []


def _catalogues() -> list[Path]:
    return sorted(PACKAGE.glob("**/locale/cy/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_catalogue_entry_has_welsh(po: Path) -> None:
    catalogue = polib.pofile(str(po))
    assert catalogue.metadata["Language"] == "cy"
    assert [entry.msgid for entry in catalogue if entry.fuzzy or entry.obsolete] == []
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_compiled_catalogue_matches_its_source(po: Path) -> None:
    def entries(catalogue: polib._BaseFile) -> dict[tuple[str | None, str], object]:
        # fuzzy entries are never compiled
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
            for entry in catalogue
            if entry.msgid and (entry.msgstr or entry.msgstr_plural)
        }

    assert entries(polib.mofile(str(po.with_suffix(".mo")))) == entries(polib.pofile(str(po)))


def test_the_scanners_find_what_they_are_for() -> None:
    words, msgids = untranslated_template_text(
        '{% load i18n %}<p title="Help">Hello {{ name }}</p>{% translate "Sign in" %}'
        "{% blocktranslate %}Left {{ n }}{% endblocktranslate %}"
        '{% include "x.html" with caption="Hours" %}<a aria-label="{% translate "Go" %}">·</a>'
    )
    assert words == ["Help", "Hello", '[tag argument: include "x.html" with caption="Hours"]']
    assert msgids == ["Sign in", "Go"]
    plain, msgids = untranslated_python_text(
        "class Kind(models.TextChoices):\n    A = 'a', 'Apple'\n    B = 'b', _('Bean')\n"
        "f = forms.CharField(label='Name', help_text=_('Help'))\n"
        "g = forms.ChoiceField(choices=[('', 'Pick one'), ('b', _('Bean')), *Kind.choices])\n"
        "field.help_text = 'As invited'\n"
        "raise ValidationError({'side': f'no {x}'})\n"
        "messages.success(request, _('Saved.'))\n"
    )
    assert sorted(plain) == ["Apple", "As invited", "Name", "Pick one", "f'no {x}'"]
    assert sorted(msgids) == ["Bean", "Bean", "Help", "Saved."]


def test_the_switcher_keeps_the_choice_and_pages_follow_it(client: Any, db: Any) -> None:
    english = client.get("/accounts/sign-in/").content.decode()
    assert '<html lang="en-gb">' in english
    assert 'value="cy" lang="cy"' in english
    answer = client.post("/i18n/setlang/", {"language": "cy", "next": "/accounts/sign-in/"})
    assert (answer.status_code, answer["Location"]) == (302, "/accounts/sign-in/")
    assert client.cookies["django_language"].value == "cy"
    welsh = client.get("/accounts/sign-in/").content.decode()
    assert '<html lang="cy">' in welsh
    assert "Neidio i'r prif gynnwys" in welsh
    assert ">English</button>" in welsh  # each language named in itself
    for english_words in ("Skip to main content", "Sign in", "Create an account", "Forgotten"):
        assert english_words not in welsh


def test_the_ballot_in_welsh(client: Any, world: World) -> None:
    pb = make_pb(world)
    open_voting(pb)
    client.force_login(world.member)
    client.cookies["django_language"] = "cy"
    page = client.get(f"/pb/budgets/{pb.north.pk}/vote/")
    text = page.content.decode()
    assert "<h1>Pleidleisio: North</h1>" in text
    assert "Cadw fy mhleidlais" in text
    for english_words in ("Save my ballot", "Your ballot is secret", "Projects in", "Sign out"):
        assert english_words not in text
    answer = client.post(f"/pb/budgets/{pb.north.pk}/vote/", {"choices": ["nothing"]})
    assert "Sign out" not in answer.content.decode()
    assert "Mae problem" in answer.content.decode()


def test_a_message_has_one_welsh_in_every_catalogue() -> None:
    """Django keeps one translation a message (the first installed app's wins), so two
    catalogues giving the same words different Welsh would show one of them where the other
    was meant; words that mean something else in one place take a context instead."""
    welsh: dict[tuple[str | None, str], dict[str, object]] = {}
    for path in sorted(PACKAGE.glob("**/locale/cy/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr or entry.msgstr_plural:
                given = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
                welsh.setdefault((entry.msgctxt, entry.msgid), {})[str(path)] = given
    assert {key: found for key, found in welsh.items() if len(set(found.values())) > 1} == {}
