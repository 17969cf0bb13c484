"""Small helpers for reading with the ORM."""

from typing import Any, TypeVar

from django.db import DatabaseError, connection
from django.db.models import QuerySet

T = TypeVar("T")


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
