"""REST API for outcomes, inside an initiative: /api/v1/initiatives/{slug}/…

``indicators/`` (everyone who may view the initiative reads them; coordinators and staff
define and change them), ``indicators/{id}/`` with its progress, and
``indicators/{id}/measurements/`` (read by the same people; recorded as the indicator's
setting allows)."""

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import person_field
from coproduce.core import gate
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.outcomes import selectors, services
from coproduce.outcomes.models import VALUE_DIGITS, VALUE_PLACES, Indicator, Measurement


def value_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, coerce_to_string=False, **kwargs
    )


class TargetSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    value = value_field()


class ProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=list(selectors.HEADLINES))
    headline = serializers.CharField()
    sentence = serializers.CharField()


class IndicatorSerializer(serializers.ModelSerializer):
    baseline_value = value_field()
    targets = TargetSerializer(many=True, required=False)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", *services.INDICATOR_FIELDS, "targets", "progress"]
        read_only_fields = ["id", "progress"]
        validators: list[Any] = []  # the service checks the name is the initiative's once

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, indicator: Indicator) -> dict[str, Any]:
        annotated: Any = indicator  # the queryset's latest_value and latest_on
        latest = None
        if getattr(annotated, "latest_on", None) is not None:
            latest = Measurement(value=annotated.latest_value, measured_on=annotated.latest_on)
        found = selectors.progress(indicator, latest, list(indicator.targets.all()))
        return dict(ProgressSerializer(found).data)


class MeasurementSerializer(serializers.ModelSerializer):
    value = value_field()
    measured_by = person_field(required=False)
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)

    class Meta:
        model = Measurement
        fields = [
            "id",
            "value",
            "measured_on",
            "source",
            "method",
            "measured_by",
            "side",
            "recorded_by",
        ]
        read_only_fields = ["id", "side", "recorded_by"]


def _targets(data: dict[str, Any]) -> dict[str, Any]:
    if "targets" in data:
        data["targets"] = [(t["due_on"], t["value"]) for t in data["targets"]]
    return data


class IndicatorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    InitiativeChildViewSet,
):
    """An initiative's outcome indicators, each with its baseline, targets and progress
    (read by everyone who may view the initiative; defined and changed by coordinators and
    staff), and its measurements."""

    serializer_class = IndicatorSerializer
    permission_classes = [AllowAny]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Indicator]:
        if getattr(self, "swagger_fake_view", False):
            return Indicator.objects.none()
        latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by(
            "-measured_on", "-pk"
        )
        return selectors.indicators_of(self.get_initiative()).annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )

    def get_object(self) -> Indicator:
        return gate.get_object(
            self.request.user,
            self.get_queryset(),
            "outcomes.view_indicator",
            pk=self.kwargs["pk"],
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        saved = services.indicator_save(
            actor=self.request.user,
            initiative=self.get_initiative(),
            **_targets(dict(serializer.validated_data)),
        )
        serializer.instance = self.get_queryset().get(pk=saved.pk)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        indicator = serializer.instance
        assert isinstance(indicator, Indicator)
        services.indicator_save(
            actor=self.request.user,
            initiative=self.get_initiative(),
            indicator=indicator,
            **_targets(dict(serializer.validated_data)),
        )
        serializer.instance = self.get_queryset().get(pk=indicator.pk)

    @extend_schema(methods=["get"], request=None, responses={200: MeasurementSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=MeasurementSerializer, responses={201: MeasurementSerializer}
    )
    @action(detail=True, methods=["get", "post"], serializer_class=MeasurementSerializer)
    def measurements(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The indicator's measurements, latest first; record one (as the indicator's
        setting allows: coordinators only, or any active member). Naming another member as
        the measurer is a coordinator's."""
        indicator = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.measurements_of(indicator))
            return self.get_paginated_response(MeasurementSerializer(page, many=True).data)
        gate.require(request.user, "outcomes.measure", indicator)
        body = MeasurementSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        measurement = services.measurement_record(
            actor=request.user, indicator=indicator, **body.validated_data
        )
        return Response(MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)
