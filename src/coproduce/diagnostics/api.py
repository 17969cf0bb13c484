"""The diagnostics API: the contract of docs/diagnostics.md, read-only."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.core.dates import Period
from coproduce.core.queries import storable_text
from coproduce.core.vocabulary import ServiceArea, StageKind
from coproduce.diagnostics import selectors
from coproduce.initiatives.api import initiative_from
from coproduce.initiatives.selectors import initiatives_visible_to

PERIOD = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day counted (inclusive)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day counted (inclusive)."),
]


class DiagnosticsView(APIView):
    """Typology, power, burden, value, shared understanding and inclusion of one initiative,
    for anyone who may view it."""

    @extend_schema(parameters=PERIOD, responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, initiative_slug: str) -> Response:
        initiative = initiative_from(request, initiative_slug)
        period = Period.from_query(request.query_params)
        return Response(selectors.diagnostics(initiative, period))


def _choice(params: Any, name: str, allowed: list[str]) -> str:
    value = (params.get(name) or "").strip()
    if value and value not in allowed:
        raise ValidationError({name: f"Choose one of: {', '.join(allowed)}."})
    return value


LOCALITY_PROBLEM = "Give a place name of at most 120 characters, without control characters."


def _locality(params: Any) -> str:
    value = (params.get("locality") or "").strip()
    if not storable_text(value) or len(value) > 120:
        raise ValidationError({"locality": LOCALITY_PROBLEM})
    return value


class PortfolioView(APIView):
    """One row per initiative the viewer may see, for a council's co-production officer."""

    @extend_schema(
        parameters=[
            *PERIOD,
            OpenApiParameter("service_area", str, enum=ServiceArea.values),
            OpenApiParameter("locality", str),
            OpenApiParameter("stage", str, enum=StageKind.values),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        period = Period.from_query(params)
        initiatives = selectors.portfolio_initiatives(
            initiatives_visible_to(request.user),
            service_area=_choice(params, "service_area", ServiceArea.values),
            locality=_locality(params),
            stage=_choice(params, "stage", StageKind.values),
        )
        return Response({"initiatives": selectors.portfolio(initiatives, period)})
