"""Participatory budgeting's panel on the initiative page: its processes, and for those who
manage the initiative, the way to set one up."""

from typing import Any

from django.http import HttpRequest

from coproduce.budgeting.selectors import funded_projects, processes_of
from coproduce.core import gate
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    processes = list(processes_of(initiative))
    can_manage = gate.allows(request.user, "initiatives.change_initiative", initiative)
    if not (processes or can_manage):
        return None
    return {"processes": processes, "can_manage": can_manage}


def accountability(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    """Where the money of each budget whose results are out went, project by project."""
    published = [
        process
        for process in processes_of(initiative)
        if gate.allows(request.user, "budgeting.view_results", process)
    ]
    if not published:
        return None
    return {"budgets": funded_projects(published)}
