"""Reads about people."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from knox.models import AuthToken

from coproduce.core.queries import RowReader, one_or_none, select_clause, storable_text

_USER = RowReader(get_user_model())
USER_BY_USERNAME = select_clause((_USER, "u")) + " FROM accounts_user u WHERE u.username = %s"


def user_by_username(username: str) -> Any | None:
    """The person with this username, or None. Every API request that names a person (a
    gift's recipient, a board member) asks, so it is one statement written in SQL rather
    than built by the ORM each time (ADR 0017). A name no database can hold (a NUL, an
    unpaired surrogate) is no one's: None, as for an unknown name."""
    if not storable_text(username):
        return None
    with connection.cursor() as cursor:
        cursor.execute(USER_BY_USERNAME, [username])
        row = cursor.fetchone()
    return None if row is None else _USER.read(row)


# A token is named by the first characters of its hash: enough to tell a person's tokens
# apart, while the whole hash, which is all the server keeps, is never shown or put in a URL.
TOKEN_ID_LENGTH = 16


def language_of(person: Any) -> str:
    """The language to write to a person in, outside a page (an e-mail): the one they
    chose with the switcher, else the site's."""
    chosen = getattr(person, "language", "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def tokens_of(user: Any) -> QuerySet[AuthToken]:
    """A person's API tokens still in force, newest first (what the profile lists), each
    with its ``public_id``."""
    return (
        AuthToken.objects.filter(user=user, expiry__gt=timezone.now())
        .annotate(public_id=Substr("digest", 1, TOKEN_ID_LENGTH))
        .order_by("-created")
    )


def token_of(user: Any, token_id: str) -> AuthToken | None:
    """One of this person's tokens by its public id, or None: another person's token is not
    found, as a missing one is not."""
    if len(token_id) != TOKEN_ID_LENGTH or not all(c in "0123456789abcdef" for c in token_id):
        return None
    return one_or_none(AuthToken.objects.filter(user=user, digest__startswith=token_id))
