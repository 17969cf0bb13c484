"""The API reference page and the OpenAPI document: every operation of the document is on
the page, the document is made once per process, and the API answers JSON only."""

from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from coproduce.core import apidocs

pytestmark = pytest.mark.django_db


def operations_in(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in apidocs.METHODS
        if method in item
    ]


def test_the_page_lists_every_operation_of_the_document_once(client: Client) -> None:
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    expected = operations_in(apidocs.openapi_document())
    shown = [(o.method, o.path) for g in apidocs.reference() for o in g.operations]
    assert sorted(shown) == sorted(expected)
    assert f"{len(expected)} operations under" in html
    for method, path in expected:
        assert html.count(f"<code>{method} {path}</code>") == 1, (method, path)


def test_each_operation_says_whether_it_needs_sign_in_and_names_its_fields() -> None:
    found = {(o.method, o.path): o for g in apidocs.reference() for o in g.operations}
    listing = found[("GET", "/api/v1/cases/")]
    assert listing.needs_sign_in is False
    assert [p.name for p in listing.parameters] == [
        "country",
        "leadership_style",
        "page",
        "page_size",
        "q",
        "service_area",
        "stage",
    ]
    assert {p.where for p in listing.parameters} == {"query"}
    create = found[("POST", "/api/v1/pb/processes/")]
    assert create.needs_sign_in is True
    assert create.body_fields[:4] == ("initiative", "stage", "title", "description")
    groups = [g.name for g in apidocs.reference()]
    assert groups == sorted(groups)
    assert {"pb", "cases", "credits", "events"} <= set(groups)


def test_the_document_is_made_once_per_process_and_language(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = SchemaGenerator.get_schema

    def counted(self: SchemaGenerator, *args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return real(self, *args, **kwargs)

    apidocs._document_in.cache_clear()
    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    first = client.get("/api/v1/openapi.json")
    second = client.get("/api/v1/openapi.json")
    client.get("/api/")
    assert (first.status_code, second.status_code, len(made)) == (200, 200, 1)
    assert first.json() == second.json()
    assert first.json()["info"]["title"] == "Coproduce API"


def test_the_api_answers_json_even_to_a_browser(client: Client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/api/v1/cases/", HTTP_ACCEPT=browser)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
