"""The OpenAPI schema that documents the API (and drives its fuzzing) is complete."""

from pathlib import Path

import yaml
from django.core.management import call_command


def test_the_api_schema_generates_without_a_warning_and_validates(tmp_path: Path) -> None:
    """drf-spectacular raises on any warning: an untyped parameter, a view it cannot read."""
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    ballot = yaml.safe_load(target.read_text())["paths"]["/api/v1/pb/budgets/{id}/ballot/"]
    assert [p["schema"]["type"] for p in ballot["get"]["parameters"] if p["name"] == "id"] == [
        "integer"
    ]
