"""How the OpenAPI schema (drf-spectacular) names this project's own API classes.
Imported when the app is ready: drf-spectacular registers an extension when it is defined."""

from drf_spectacular.authentication import SessionScheme as DrfSessionScheme


class SessionScheme(DrfSessionScheme):
    """The session check is DRF's, skipped when there is no session cookie: the same
    scheme (``cookieAuth``) in the schema."""

    target_class = "coproduce.core.authentication.SessionAuthentication"
