"""API authentication. Its own module: DRF imports it while it is still loading itself."""

import re
from hmac import compare_digest
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings
from rest_framework import authentication, exceptions

from coproduce.core.queries import RowReader, select_clause

_USER = RowReader(get_user_model())
_TOKEN = RowReader(AuthToken)
USER_BY_TOKEN = select_clause((_USER, "u"), (_TOKEN, "t")) + (
    " FROM knox_authtoken t JOIN accounts_user u ON u.id = t.user_id"
    " WHERE t.token_key = %s AND t.expiry > %s"
)
# what knox makes: its prefix (none by default), then hexadecimal characters
_WELL_FORMED = re.compile(
    re.escape(knox_settings.TOKEN_PREFIX)
    + f"[0-9a-f]{{{knox_settings.AUTH_TOKEN_CHARACTER_LENGTH}}}"
)


class TokenRefused(exceptions.AuthenticationFailed):
    """A token was sent and is not good (unknown, revoked, expired, malformed): 401 with
    ``WWW-Authenticate: Token`` (``core.api.exception_handler``), so that a client knows to
    ask for a new one; a request without credentials is still refused as before (403)."""

    www_authenticate = "Token"


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's token check (tokens stored as SHA-512 hashes, each with an expiry), as one SQL
    join written out (ADR 0017, ADR 0022): it runs on every API request. knox's own check
    reads the token with the ORM and then every other token of its owner to delete expired
    ones; here an expired token is simply not found (``accounts.services.token_create``
    deletes the expired ones), and nothing is written: tokens do not renew themselves
    (``AUTO_REFRESH`` off), they last ``TOKEN_TTL`` from when they were made."""

    def authenticate(self, request: Any) -> tuple[Any, AuthToken] | None:
        try:
            return super().authenticate(request)
        except TokenRefused:
            raise
        except exceptions.AuthenticationFailed as refused:  # a malformed header
            raise TokenRefused(refused.detail) from None

    def authenticate_credentials(self, token: bytes) -> tuple[Any, AuthToken]:
        text = token.decode("ascii", "replace")
        if not _WELL_FORMED.fullmatch(text):
            raise TokenRefused("Invalid token.")
        digest = hash_token(text)
        with connection.cursor() as cursor:
            cursor.execute(USER_BY_TOKEN, [text[: CONSTANTS.TOKEN_KEY_LENGTH], timezone.now()])
            rows = cursor.fetchall()
        for row in rows:  # the first characters of two tokens may, very rarely, be the same
            auth_token = _TOKEN.read(row, _USER.width)
            if compare_digest(digest, auth_token.digest):
                user = _USER.read(row)
                if not user.is_active:
                    raise TokenRefused("User inactive or deleted.")
                auth_token.user = user
                return user, auth_token
        raise TokenRefused("Invalid token.")


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session check (with its CSRF check), skipped for a request that carries no
    session cookie: without one Django's user is anonymous and this check finds no one, so an
    API client sending a token (every gift) need not load the session to learn that."""

    def authenticate(self, request: Any) -> tuple[Any, None] | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().authenticate(request)
