"""Small helpers for reading with the ORM, and for the few reads written in SQL."""

import re
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

T = TypeVar("T")
M = TypeVar("M", bound=Model)

LARGEST_ID = 2**63 - 1


def one_or_none(queryset: "QuerySet[Any, T]") -> T | None:
    """The row a unique lookup finds, or None. Unlike ``first()`` it asks for no ordering:
    sorting by a model's default ordering costs query-building time (and, where the ordering
    names a related model, a join) on paths that run on every request."""
    return next(iter(queryset.order_by()[:1]), None)


def database_reachable() -> bool:
    """Whether the default database answers a trivial query (for the health check)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable_text(text: str) -> bool:
    """Whether a database can hold this text: no NUL character (PostgreSQL refuses it) and
    no unpaired surrogate (not Unicode text: the driver cannot encode it). A key that is not
    storable names nothing, so lookups answer "not found" without asking the database."""
    return _UNSTORABLE.search(text) is None


NOT_TEXT = gettext_lazy("Write plain text (no control characters).")


def checked_text(field: str, value: Any, limit: int, *, required: str = "") -> str:
    """Text a person sent, stripped, for a service to store: ValidationError on ``field``
    saying what to fix if it is not text a database can hold, longer than ``limit``, or
    empty when ``required`` (the message to give) is set."""
    if value is None:
        value = ""
    if not isinstance(value, str) or not storable_text(value):
        raise ValidationError({field: NOT_TEXT})
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(
            {field: _("Write at most %(limit)s characters.") % {"limit": f"{limit:,}"}}
        )
    if required and not value:
        raise ValidationError({field: required})
    return value


def shown_text(text: str) -> str:
    """Text with what ``storable_text`` refuses taken out, to quote it back in a message."""
    return _UNSTORABLE.sub("", text)


def row_lock(clause: str) -> str:
    """A row-locking clause (`` FOR UPDATE``, `` FOR KEY SHARE OF p``) to end hand-written
    SQL with on PostgreSQL; nothing on SQLite, where a write already holds the database."""
    return clause if connection.vendor == "postgresql" else ""


def as_id(value: Any) -> int | None:
    """A primary key from a URL, or None if it cannot be one. SQL written by hand gets no
    ORM check: "abc" or a number too large for the column would be a database error."""
    text = str(value)
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None


class RowReader(Generic[M]):
    """Instances of a model made from its columns in a row of hand-written SQL, converted
    as the ORM converts them (SQLite's booleans and dates, JSON), so that one join can stand
    for a ``select_related`` read on a hot path (ADR 0017). ``select_clause`` lists the
    columns; ``read(row, start)`` makes the instance from the row's columns from ``start``."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self.fields = model._meta.concrete_fields
        self.attnames = [field.attname for field in self.fields]
        self.width = len(self.fields)
        self._converters: dict[str, list[tuple[int, list[Callable[..., Any]], Any]]] = {}

    def columns(self, alias: str) -> str:
        return ", ".join(f'{alias}."{field.column}"' for field in self.fields)

    def read(self, row: Sequence[Any], start: int = 0) -> M:
        values = list(row[start : start + self.width])
        for index, converters, column in self._converters_here():
            for convert in converters:
                values[index] = convert(values[index], column, connection)
        return self.model.from_db(DEFAULT_DB_ALIAS, self.attnames, values)

    def _converters_here(self) -> list[tuple[int, list[Callable[..., Any]], Any]]:
        """The backend's and the fields' converters for each column, found once per kind of
        database (finding them costs more than applying them)."""
        vendor = connection.vendor
        if vendor not in self._converters:
            found = []
            for index, field in enumerate(self.fields):
                column = field.get_col(self.model._meta.db_table)
                converters = connection.ops.get_db_converters(column) + column.get_db_converters(
                    connection
                )
                if converters:
                    found.append((index, converters, column))
            self._converters[vendor] = found
        return self._converters[vendor]


def select_clause(*tables: tuple[RowReader[Any], str]) -> str:
    """``SELECT`` and the columns of each (reader, table alias), in order. The names come
    from the models, never from input."""
    return "SELECT " + ", ".join(reader.columns(alias) for reader, alias in tables)
