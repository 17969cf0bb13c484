"""Reads for site-wide search: one interface over two full-text engines (ADR 0046).

The person's words are reduced to plain terms (letters and digits) before either engine
sees them, so no operator, quote or column name a person types reaches the query syntax;
every term must match the start of a word, on both engines alike. Who finds what is the
initiatives' own visibility rule (``initiatives_visible_to``), read when searching."""

import re
import time
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Count, F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coproduce.ideas.models import Idea
from coproduce.initiatives.selectors import initiatives_visible_to
from coproduce.search.models import IndexEdition, Kind, SearchDocument
from coproduce.search.sources import url_of

MAX_LENGTH = 200
MAX_TERMS = 12
PER_GROUP = 5
PER_PAGE = 20
SNIPPET_CHARS = 240
WORD = re.compile(r"[^\W_]+")


# The edition and the page kept under it, in one statement: a kept page costs what the
# health check costs, plus the page.
FIND_KEPT = (
    "SELECT e.number, p.content_type, p.body FROM search_indexedition e"
    " LEFT JOIN search_keptpage p ON p.key = %s AND p.edition = e.number AND p.expires > %s"
    " WHERE e.id = %s"
)


def kept_page(key: str) -> tuple[int, tuple[str, bytes] | None]:
    """The index's edition now, and the page kept under ``key`` at that edition and not yet
    expired, if there is one (``core.pagecache``: a page read after this is kept under
    this edition, so it is never served once a later change has committed)."""
    with connection.cursor() as cursor:
        cursor.execute(FIND_KEPT, [key, time.time(), IndexEdition.ONLY])
        row = cursor.fetchone()
    if row is None:  # the edition's row was lost (a database emptied by hand)
        return 0, None
    number, content_type, body = row
    return number, None if content_type is None else (content_type, bytes(body))


def terms_of(text: str) -> list[str]:
    """The words searched for: letters and digits only, lower case, at most ``MAX_TERMS``."""
    return list(dict.fromkeys(WORD.findall(text.lower())))[:MAX_TERMS]


# A term this long or longer also matches longer words it starts ("gard" finds "garden");
# a shorter one only the word itself: a prefix of one or two letters would make the engine
# gather most of the index for one request.
PREFIX_FROM = 3


def _tsquery(terms: list[str]) -> str:
    return " & ".join(f"{term}:*" if len(term) >= PREFIX_FROM else term for term in terms)


def _fts5_query(terms: list[str]) -> str:
    return " ".join(f'"{term}"*' if len(term) >= PREFIX_FROM else f'"{term}"' for term in terms)


def _matching(found: QuerySet[SearchDocument], terms: list[str]) -> QuerySet[SearchDocument]:
    """The documents holding every term, with their rank (higher is better): the title
    counts above the body on both engines. On SQLite the full-text table is joined, so the
    match runs once and each hit's bm25 is read from it."""
    if connection.vendor == "postgresql":
        # The query is made by a sub-select, run once per statement: ``to_tsquery`` of a
        # statement's parameter would be run again for every hit ranked once the statement
        # is prepared (psycopg prepares what a connection runs five times; ADR 0017).
        query = _tsquery(terms)
        return found.filter(
            RawSQL(
                "search_searchdocument.search_vector @@ (SELECT to_tsquery('simple', %s))",
                [query],
                output_field=BooleanField(),
            )
        ).annotate(
            rank=RawSQL(
                "ts_rank(search_searchdocument.search_vector,"
                " (SELECT to_tsquery('simple', %s)), 1)",
                [query],
                output_field=FloatField(),
            )
        )
    return found.extra(
        tables=["search_fts"],
        where=["search_fts MATCH %s", "search_fts.rowid = search_searchdocument.id"],
        params=[_fts5_query(terms)],
    ).annotate(rank=RawSQL("-bm25(search_fts, 10.0, 1.0)", [], output_field=FloatField()))


def _findable_by(user: Any) -> Q:
    """What the person may find: outside any initiative, or in one they may read; never a
    hidden idea (checked against the idea itself as well as the index)."""
    hidden_ideas = Idea.objects.exclude(hidden_reason="").values("pk")
    return (
        Q(listed=True)
        & (Q(initiative__isnull=True) | Q(initiative__in=initiatives_visible_to(user).values("pk")))
        & ~Q(kind=Kind.IDEA, object_id__in=hidden_ideas)
    )


def _ranked(user: Any, terms: list[str]) -> QuerySet[SearchDocument]:
    return _matching(SearchDocument.objects.filter(_findable_by(user)), terms)


# Equally good hits: the newest first.
ORDER = ("-rank", "-id")


def documents_found(user: Any, terms: list[str]) -> QuerySet[SearchDocument]:
    """The documents holding every term that ``user`` may find, best first."""
    if not terms:
        return SearchDocument.objects.none()
    return _ranked(user, terms).annotate(initiative_slug=F("initiative__slug")).order_by(*ORDER)


def _pattern(terms: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with each word a term starts marked (``<mark>``)."""
    pattern = _pattern(terms)
    pieces: list[str] = []
    done = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[done : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        done = match.end()
    pieces.append(escape(text[done:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped


def excerpt(text: str, terms: list[str], size: int = SNIPPET_CHARS) -> str:
    """Up to ``size`` characters of ``text`` around the first word a term starts, cut at
    spaces, with an ellipsis where it was cut."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    match = _pattern(terms).search(text)
    start = max(0, (match.start() if match else 0) - size // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


@dataclass(frozen=True)
class Hit:
    """One thing found: its title and snippet as plain text (for the API) and escaped with
    the searched words marked (for the page)."""

    kind: str
    title: str
    snippet: str
    url: str
    marked_title: SafeString
    marked_snippet: SafeString


@dataclass(frozen=True)
class Group:
    """The best hits of one kind, and how many there are in all."""

    kind: str
    label: str
    count: int
    hits: list[Hit]


def _hit(
    kind: str, object_id: int, title: str, body: str, slug: str | None, terms: list[str]
) -> Hit:
    snippet = excerpt(body, terms)
    return Hit(
        kind=kind,
        title=title,
        snippet=snippet,
        url=url_of(kind, object_id, slug),
        marked_title=highlight(title, terms),
        marked_snippet=highlight(snippet, terms),
    )


def hit(document: SearchDocument, terms: list[str]) -> Hit:
    slug = getattr(document, "initiative_slug", None)
    return _hit(document.kind, document.object_id, document.title, document.body, slug, terms)


def hits_of(documents: Any, terms: list[str]) -> list[Hit]:
    return [hit(document, terms) for document in documents]


def counts_by_kind(found: QuerySet[SearchDocument]) -> dict[str, int]:
    """How many documents of each kind were found, in the order of ``Kind``."""
    counted = dict(
        found.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    return {kind: counted[kind] for kind in Kind.values if counted.get(kind)}


# The best ``PER_GROUP`` hits of each kind and each kind's count, with what is shown of
# each, in one statement. Only the ids, kinds and ranks of every hit are numbered and
# counted; the title, text and initiative's slug are read for the few shown. The hits are
# made first (MATERIALIZED): SQLite reads bm25 only beside its match, never inside the
# window functions that number them.
GROUPED = (
    "WITH hits (id, kind, rank) AS MATERIALIZED ({hits}), "
    "best AS (SELECT id, place, of_kind FROM ("
    "SELECT id, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY rank DESC, id DESC) AS place,"
    " COUNT(*) OVER (PARTITION BY kind) AS of_kind FROM hits"
    ") AS numbered WHERE place <= %s) "
    "SELECT d.kind, best.of_kind, d.object_id, d.title, d.body,"
    " (SELECT i.slug FROM initiatives_initiative i WHERE i.id = d.initiative_id)"
    " FROM best JOIN search_searchdocument d ON d.id = best.id ORDER BY best.place"
)


def grouped(user: Any, terms: list[str]) -> list[Group]:
    """Up to ``PER_GROUP`` best hits of each kind found, with each kind's count, in the
    order of ``Kind``."""
    if not terms:
        return []
    hits_sql, params = (
        _ranked(user, terms)
        .order_by()  # the window functions order them; the model's ordering would sort again
        .values_list("id", "kind", "rank")  # type: ignore[misc]
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(GROUPED.format(hits=hits_sql), [*params, PER_GROUP])
        rows = cursor.fetchall()
    counts: dict[str, int] = {}
    hits: dict[str, list[Hit]] = {}
    for kind, count, object_id, title, body, slug in rows:
        counts[kind] = count
        hits.setdefault(kind, []).append(_hit(kind, object_id, title, body, slug, terms))
    return [
        Group(kind=kind, label=str(Kind(kind).label), count=counts[kind], hits=hits[kind])
        for kind in Kind.values
        if kind in hits
    ]


def page_of_kind(user: Any, terms: list[str], kind: str, number: Any) -> Page[Any]:
    """One page of the hits of one kind (the nearest page there is to ``number``)."""
    found = documents_found(user, terms).filter(kind=kind)
    return Paginator(found, PER_PAGE).get_page(number)
