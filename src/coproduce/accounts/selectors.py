"""Reads about people."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection

from coproduce.core.queries import RowReader, select_clause

_USER = RowReader(get_user_model())
USER_BY_USERNAME = select_clause((_USER, "u")) + " FROM accounts_user u WHERE u.username = %s"


def user_by_username(username: str) -> Any | None:
    """The person with this username, or None. Every API request that names a person (a
    gift's recipient, a board member) asks, so it is one statement written in SQL rather
    than built by the ORM each time (ADR 0017)."""
    with connection.cursor() as cursor:
        cursor.execute(USER_BY_USERNAME, [username])
        row = cursor.fetchone()
    return None if row is None else _USER.read(row)
