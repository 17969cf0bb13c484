"""The diagnostics' panel on the initiative page: where it sits in the planning and delivery
matrix, its leadership mode and the citizens' voice in its decisions, over all its record."""

from typing import Any

from django.http import HttpRequest

from coproduce.diagnostics import presenters, selectors
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    answer = selectors.headline_figures(initiative)
    cell, mode = answer["typology"]["bovaird_cell"], answer["power"]["mode"]
    return {
        "cell": presenters.CELL_LABELS.get(cell or "", "No data yet"),
        "mode": presenters.MODE_LABELS.get(mode, mode),
        "voice": presenters.percent(answer["power"]["citizen_voice_share"]),
        "decisions": answer["power"]["decisions"],
    }
