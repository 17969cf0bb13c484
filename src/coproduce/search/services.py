"""Writes to the search index. The services of the apps whose objects are searched call
``document_refresh`` after each write that changes what is found (ADR 0046); the index
can always be rebuilt whole from the objects with ``index_rebuild``
(``coproduce search_reindex``)."""

from collections.abc import Iterable
from dataclasses import asdict
from itertools import islice

from django.db import transaction
from django.db.models import Model

from coproduce.search.models import Kind, SearchDocument
from coproduce.search.sources import Entry, every_entry, source_of

BATCH = 2000
# An initiative is found as a case once it has a case study: one object, one of these kinds.
SAME_OBJECT = {Kind.INITIATIVE: Kind.CASE, Kind.CASE: Kind.INITIATIVE}


def _fields(entry: Entry) -> dict[str, object]:
    fields = asdict(entry)
    del fields["kind"], fields["object_id"]
    return fields


@transaction.atomic
def document_refresh(obj: Model) -> SearchDocument:
    """Index ``obj`` as it is now (called inside its service's transaction)."""
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
    SearchDocument.objects.all().delete()
    return _write(every_entry())
