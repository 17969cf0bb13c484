"""The time credits' panel on the initiative page, and the rule that the panels of the
capabilities run in time credits (peer support, exchanges) share: shown to those who may
use the initiative's credits."""

from typing import Any

from django.http import HttpRequest

from coproduce.core import gate
from coproduce.initiatives.models import Initiative


def context(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    return {} if gate.allows(request.user, "timecredits.use_credits", initiative) else None
