"""Shared pieces of the REST API: pagination and error shape."""

import copy
import re
from typing import Any

from django.core.cache import caches
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination, serializers, throttling
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core.errors import Conflict
from coproduce.core.network import client_ip
from coproduce.core.queries import shown_text, storable_text


class Pagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn a service's ValidationError into a 400 that names the fields to fix (409 for a
    conflict with an earlier request); a refused token into a 401 that says to send another
    (DRF answers 403 when the first authentication class, the session's, names no scheme)."""
    # imported here: rest_framework.views reads the API settings, which name this module's
    # throttles, so importing it at the top made this module unimportable on its own
    from rest_framework.views import exception_handler as drf_exception_handler

    from coproduce.core.authentication import TokenRefused

    if isinstance(exc, TokenRefused):
        exc.status_code = 401
        exc.auth_header = exc.www_authenticate  # type: ignore[attr-defined]
    if isinstance(exc, Conflict):
        return Response({"detail": " ".join(exc.messages)}, status=409)
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    return drf_exception_handler(exc, context)


class FieldsBuiltOnce:
    """For a serializer on a hot path (every gift reads one and answers with another): DRF
    builds a ModelSerializer's fields from the model, and deep-copies a Serializer's
    declared fields, for every instance, which took most of the time of reading a gift and
    of turning a transfer into JSON. Here the fields are built once per class. For reading
    input each instance gets its own shallow copy of each (bound to it as DRF binds its own
    copies: a field may ask its serializer's context); for writing output every instance
    uses one set bound once per class, as turning a value into JSON needs nothing of the
    serializer. Only for serializers whose fields are flat (no nested serializer, no
    ``many=True``: those hold a child bound to one parent) and whose output does not depend
    on the request or the serializer (no method fields, no links)."""

    _built_fields: dict[str, Any] | None = None
    _output_fields: list[Any] | None = None

    def get_fields(self) -> dict[str, Any]:
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = cls._built_fields = super().get_fields()  # type: ignore[misc]
            for name, field in built.items():
                if isinstance(field, NOT_BUILT_ONCE):
                    raise TypeError(
                        f"{cls.__name__}.{name} needs its own serializer: build its fields anew."
                    )
        return {name: copy.copy(field) for name, field in built.items()}

    @property
    def _readable_fields(self) -> list[Any]:
        """The fields DRF's ``to_representation`` writes with: bound once per class."""
        cls = type(self)
        output = cls.__dict__.get("_output_fields")
        if output is None:
            readable = cls().fields.values()  # type: ignore[attr-defined]
            output = cls._output_fields = [field for field in readable if not field.write_only]
        return output


# fields bound to one serializer that they ask about (a child, a method, the request)
NOT_BUILT_ONCE = (
    serializers.BaseSerializer,
    serializers.ManyRelatedField,
    serializers.SerializerMethodField,
    serializers.HyperlinkedRelatedField,
)


class _PerClient:
    """Anonymous requests are counted per client, behind our proxies too (core.network)."""

    def get_ident(self, request: Request) -> str:
        return client_ip(request)


class AnonThrottle(_PerClient, throttling.AnonRateThrottle):
    """Counted in each server process's memory: no database round trip per request.
    With several processes the limit is per process, which is enough to stop floods."""

    cache = caches["throttle"]


class UserThrottle(_PerClient, throttling.UserRateThrottle):
    cache = caches["throttle"]


class TextKeyField(serializers.SlugRelatedField):
    """An object named by a text key (a username, a slug). Text no database can hold (a NUL
    character, an unpaired surrogate) is answered like any unknown key (400), not a database
    error."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and not storable_text(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=shown_text(data))
        return super().to_internal_value(data)


_IDEMPOTENCY_KEY = re.compile(r"[\x20-\x7e]{1,100}")


def well_formed_idempotency_key(key: str) -> bool:
    """Whether an ``Idempotency-Key`` header can be kept: 1 to 100 printable ASCII
    characters (a UUID is 36). A NUL or a control character in it was a database error."""
    return _IDEMPOTENCY_KEY.fullmatch(key) is not None
