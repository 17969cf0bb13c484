"""Shared pieces of the REST API: pagination and error shape."""

import copy
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination, serializers, throttling
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from coproduce.core.errors import Conflict


class Pagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn a service's ValidationError into a 400 that names the fields to fix (409 for a
    conflict with an earlier request)."""
    if isinstance(exc, Conflict):
        return Response({"detail": " ".join(exc.messages)}, status=409)
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    return drf_exception_handler(exc, context)


class FieldsBuiltOnce:
    """For a ModelSerializer on a hot path (every gift answers with a transfer): DRF builds
    its fields from the model anew for each instance, which took half the time of turning a
    transfer into JSON. Here they are built once per class, and each instance gets its own
    copy, as DRF gives it of the fields a serializer declares. Only for serializers whose
    fields do not depend on the request or the object."""

    _built_fields: dict[str, Any] | None = None

    def get_fields(self) -> dict[str, Any]:
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = cls._built_fields = super().get_fields()  # type: ignore[misc]
        return copy.deepcopy(built)


class AnonThrottle(throttling.AnonRateThrottle):
    """Counted in each server process's memory: no database round trip per request.
    With several processes the limit is per process, which is enough to stop floods."""

    cache = caches["throttle"]


class UserThrottle(throttling.UserRateThrottle):
    cache = caches["throttle"]


class TextKeyField(serializers.SlugRelatedField):
    """An object named by a text key (a username, a slug). Text with a NUL character, which
    PostgreSQL cannot hold, is answered like any unknown key (400), not a database error."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class UsernameField(TextKeyField):
    """A person, named by their username, found by ``accounts.selectors.user_by_username``
    (one statement in SQL: a gift names its recipient on every request)."""

    def to_internal_value(self, data: Any) -> Any:
        # imported here: DRF loads this module (the throttles) while the apps still load
        from coproduce.accounts.selectors import user_by_username

        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("invalid")
        username = str(data)
        user = None if "\x00" in username else user_by_username(username)
        if user is None:
            self.fail("does_not_exist", slug_name="username", value=username.replace("\x00", ""))
        return user


def username_field(**kwargs: Any) -> UsernameField:
    """A person, named by their username."""
    return UsernameField(slug_field="username", queryset=get_user_model().objects.all(), **kwargs)
