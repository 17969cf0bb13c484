from typing import Any

from django.http import HttpRequest

from coproduce.initiatives.models import Initiative
from tests.plugin_app.models import FieldNote


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    notes = list(FieldNote.objects.filter(initiative=initiative).order_by("pk"))
    return {"notes": notes} if notes else None
