"""Shared pieces of the REST API: pagination and error shape."""

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


def username_field(**kwargs: Any) -> TextKeyField:
    """A person, named by their username."""
    return TextKeyField(slug_field="username", queryset=get_user_model().objects.all(), **kwargs)
