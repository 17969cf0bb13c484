"""The API's OpenAPI document and the reference page read from it.

drf-spectacular takes seconds to walk every view, and the document depends only on the code
and the language, so each process makes it once per language: an anonymous request for
``openapi.json`` then costs a dictionary lookup, not seconds of CPU. The reference page
replaces DRF's browsable API with a page of our own that lists every route."""

import functools
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.request import Request
from rest_framework.response import Response

PREFIX = "/api/v1/"
METHODS = ("get", "post", "put", "patch", "delete")


@functools.cache
def _document_in(language: str) -> dict[str, Any]:
    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document in the active language, made once per process."""
    return _document_in(translation.get_language() or "en-gb")


class OpenApiDocumentView(SpectacularJSONAPIView):
    """``openapi.json``, served from the document this process made once."""

    def _get_schema_response(self, request: Request) -> Response:
        return Response(
            data=openapi_document(),
            headers={"Content-Disposition": 'inline; filename="coproduce-openapi.json"'},
        )


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # path or query
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    description: str
    parameters: tuple[Parameter, ...]
    body_fields: tuple[str, ...]
    needs_sign_in: bool


@dataclass(frozen=True)
class Group:
    name: str
    operations: tuple[Operation, ...]


def _group_of(path: str) -> str:
    """An initiative's routes are grouped by what follows the initiative (``credits``,
    ``events``, …); the rest by their first segment (``pb``, ``cases``, …)."""
    parts = path.removeprefix(PREFIX).strip("/").split("/")
    if parts[0] == "initiatives" and len(parts) > 2:
        return parts[2]
    return parts[0]


def _body_fields(operation: dict[str, Any], components: dict[str, Any]) -> tuple[str, ...]:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    reference = schema.get("$ref", "")
    if reference:
        schema = components.get(reference.rsplit("/", 1)[-1], {})
    return tuple(schema.get("properties", {}))


def reference() -> list[Group]:
    """Every operation of the document, grouped, with its parameters and body fields."""
    document = openapi_document()
    components = document.get("components", {}).get("schemas", {})
    groups: dict[str, list[Operation]] = {}
    for path, item in document["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = tuple(
                Parameter(
                    name=parameter["name"],
                    where=parameter["in"],
                    required=bool(parameter.get("required")),
                    description=parameter.get("description", ""),
                )
                for parameter in operation.get("parameters", [])
            )
            groups.setdefault(_group_of(path), []).append(
                Operation(
                    method=method.upper(),
                    path=path,
                    description=operation.get("description", "").strip(),
                    parameters=parameters,
                    body_fields=_body_fields(operation, components),
                    needs_sign_in={} not in operation.get("security", [{}]),
                )
            )
    return [Group(name, tuple(found)) for name, found in sorted(groups.items())]
