"""Writes to the search index. The services of the apps whose objects are searched call
``document_refresh`` after each write that changes what is found (ADR 0046); the index
can always be rebuilt whole from the objects with ``index_rebuild``
(``coproduce search_reindex``). Each of them moves the index's edition on in the same
transaction, so no page kept from the index as it was is served after (ADR 0055)."""

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from itertools import islice

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Model

from coproduce.search.models import IndexEdition, KeptPage, Kind, SearchDocument
from coproduce.search.sources import Entry, every_entry, source_of

BATCH = 2000
# An initiative is found as a case once it has a case study: one object, one of these kinds.
SAME_OBJECT = {Kind.INITIATIVE: Kind.CASE, Kind.CASE: Kind.INITIATIVE}


def _edition_moved_on() -> None:
    """The index's edition, one on: the row stays locked until the change commits."""
    moved = IndexEdition.objects.filter(pk=IndexEdition.ONLY).update(number=F("number") + 1)
    if not moved:  # a database emptied by hand (a test's flush) has lost the row
        KeptPage.objects.all().delete()  # kept under numbers that will come round again
        IndexEdition.objects.create(pk=IndexEdition.ONLY, number=1)


def _fields(entry: Entry) -> dict[str, object]:
    fields = asdict(entry)
    del fields["kind"], fields["object_id"]
    return fields


@transaction.atomic
def document_refresh(obj: Model) -> SearchDocument:
    """Index ``obj`` as it is now (called inside its service's transaction)."""
    _edition_moved_on()
    entry = source_of(obj).entry(obj)
    other = SAME_OBJECT.get(Kind(entry.kind))
    if other is not None:
        SearchDocument.objects.filter(kind=other, object_id=entry.object_id).delete()
    document, _ = SearchDocument.objects.update_or_create(
        kind=entry.kind, object_id=entry.object_id, defaults=_fields(entry)
    )
    return document


@transaction.atomic
def documents_refresh(objects: Iterable[Model]) -> int:
    """Index many objects at once (a whole imported election's proposals)."""
    _edition_moved_on()
    entries = [source_of(obj).entry(obj) for obj in objects]
    for kind in {entry.kind for entry in entries}:
        ids = [entry.object_id for entry in entries if entry.kind == kind]
        SearchDocument.objects.filter(kind=kind, object_id__in=ids).delete()
    _write(entries)
    return len(entries)


def _write(entries: Iterable[Entry]) -> int:
    written = 0
    entries = iter(entries)
    while batch := list(islice(entries, BATCH)):
        SearchDocument.objects.bulk_create(
            SearchDocument(kind=e.kind, object_id=e.object_id, **_fields(e)) for e in batch
        )
        written += len(batch)
    return written


@transaction.atomic
def index_rebuild() -> int:
    """Replace the whole index with what the objects say now; returns how many documents."""
    _edition_moved_on()
    SearchDocument.objects.all().delete()
    return _write(every_entry())


KEPT_PAGES_AT_MOST = 2000
# A page of an older edition or past its time is never served: they go when a page is kept.
# The new page is kept only while fewer than the most are, however many addresses are
# searched; a page kept again replaces its older copy.
KEEP = (
    "INSERT INTO search_keptpage (key, edition, content_type, body, expires)"
    " SELECT %s, %s, %s, %s, %s WHERE (SELECT count(*) FROM search_keptpage) < %s"
    " ON CONFLICT (key) DO UPDATE SET edition = excluded.edition,"
    " content_type = excluded.content_type, body = excluded.body, expires = excluded.expires"
)


@contextmanager
def _without_waiting_for_writers() -> Iterator[None]:
    """SQLite has one write lock, which a visitor's search must never queue for: while
    keeping a page, a busy database refuses at once instead of after its timeout."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (waited,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(waited)}")


def page_keep(key: str, edition: int, page: tuple[str, bytes], seconds: int) -> None:
    """Keep a signed-out visitor's search page, read at ``edition``, for ``seconds``
    (``core.pagecache``). A page that could not be kept at once (another process writing
    at the same moment) is simply not kept: the visitor already has it."""
    now = time.time()
    content_type, body = page
    try:
        with _without_waiting_for_writers(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_keptpage WHERE edition < %s OR expires <= %s", [edition, now]
            )
            cursor.execute(
                KEEP, [key, edition, content_type, body, now + seconds, KEPT_PAGES_AT_MOST]
            )
    except DatabaseError:
        return
