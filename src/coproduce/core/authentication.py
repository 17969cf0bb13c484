"""API authentication. Its own module: DRF imports it while it is still loading itself."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework import authentication, exceptions

from coproduce.core.queries import RowReader, select_clause

_USER = RowReader(get_user_model())
USER_BY_TOKEN = select_clause((_USER, "u")) + (
    " FROM accounts_user u JOIN authtoken_token t ON t.user_id = u.id WHERE t.key = %s"
)


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token check as one SQL join written out (ADR 0017). It runs on every API
    request, and building the ORM query took a tenth of a ballot's time under load."""

    def authenticate_credentials(self, key: str) -> tuple[Any, str]:
        with connection.cursor() as cursor:
            cursor.execute(USER_BY_TOKEN, [key])
            row = cursor.fetchone()
        if row is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        user = _USER.read(row)
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        return user, key


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session check (with its CSRF check), skipped for a request that carries no
    session cookie: without one Django's user is anonymous and this check finds no one, so an
    API client sending a token (every gift) need not load the session to learn that."""

    def authenticate(self, request: Any) -> tuple[Any, None] | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().authenticate(request)
