"""How the OpenAPI schema (drf-spectacular) names this project's own API classes.
Imported when the app is ready: drf-spectacular registers an extension when it is defined."""

from typing import Any

from drf_spectacular.authentication import SessionScheme as DrfSessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class SessionScheme(DrfSessionScheme):
    """The session check is DRF's, skipped when there is no session cookie: the same
    scheme (``cookieAuth``) in the schema."""

    target_class = "coproduce.core.authentication.SessionAuthentication"


class TokenScheme(OpenApiAuthenticationExtension):
    """The token check is knox's (``Authorization: Token …``), written out in SQL: the
    scheme keeps the name it had (``tokenAuth``)."""

    target_class = "coproduce.core.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> Any:
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )
