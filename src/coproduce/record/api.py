"""REST API for the co-production record: list, append, verify and reverse entries."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core import gate
from coproduce.core.vocabulary import Side
from coproduce.initiatives.api import ByStage, InitiativeChildViewSet, InitiativeStageField
from coproduce.initiatives.selectors import active_people
from coproduce.record import selectors, services
from coproduce.record.models import MAX_QUANTITY, Contribution, Decision


class InitiativeMemberField(serializers.PrimaryKeyRelatedField):
    """A user id, accepted only for an active member of the initiative in the URL."""

    def get_queryset(self) -> QuerySet[Any]:
        initiative = self.context.get("initiative")
        if initiative is None:
            return get_user_model().objects.none()
        return active_people(initiative)


class SourceSerializer(serializers.Serializer):
    """What caused an entry: the app, the model and the object's id (null: by hand)."""

    app = serializers.CharField(source="source_type.app_label")
    model = serializers.CharField(source="source_type.model")
    id = serializers.IntegerField(source="source_id")


@extend_schema_field(SourceSerializer(allow_null=True))
class SourceField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, entry: Any) -> dict[str, Any] | None:
        if entry.source_type_id is None:
            return None
        return dict(SourceSerializer(entry).data)


class ParticipantSerializer(serializers.Serializer):
    person = serializers.CharField(source="person.username", allow_null=True, default=None)
    side = serializers.CharField()
    position = serializers.CharField()
    headcount = serializers.IntegerField()


class ContributionSerializer(serializers.ModelSerializer):
    stage = InitiativeStageField()
    contributor = InitiativeMemberField(required=False)
    quantity = serializers.IntegerField(min_value=1, max_value=max(MAX_QUANTITY.values()))
    verified = serializers.SerializerMethodField()
    reverses: "serializers.PrimaryKeyRelatedField[Any]" = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    source = SourceField()  # type: ignore[assignment]  # a field, popped by the metaclass

    class Meta:
        model = Contribution
        fields = [
            "id",
            "stage",
            "contributor",
            "organisation",
            "side",
            "paid",
            "kind",
            "quantity",
            "unit",
            "description",
            "occurred_on",
            "recorded_by",
            "recorded_at",
            "verified",
            "reverses",
            "reason",
            "source",
        ]
        read_only_fields = [
            "id",
            "side",
            "organisation",
            "paid",
            "recorded_by",
            "recorded_at",
            "reverses",
            "reason",
        ]

    def get_verified(self, contribution: Contribution) -> bool:
        return hasattr(contribution, "verification")

    def to_representation(self, instance: Contribution) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["quantity"] = instance.quantity  # reversals are negative
        return data


class DecisionSerializer(serializers.ModelSerializer):
    stage = InitiativeStageField()
    initiated_by = InitiativeMemberField(required=False, allow_null=True)
    initiated_by_side = serializers.ChoiceField(
        choices=Side.choices, required=False, allow_blank=True
    )
    participants_citizen = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    participants_professional = serializers.IntegerField(
        min_value=0, max_value=1_000_000, default=0
    )
    participants_political = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    reverses: "serializers.PrimaryKeyRelatedField[Any]" = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    participants = ParticipantSerializer(many=True, read_only=True)
    source = SourceField()  # type: ignore[assignment]  # a field, popped by the metaclass

    class Meta:
        model = Decision
        fields = [
            "id",
            "stage",
            "title",
            "outcome",
            "initiated_by",
            "initiated_by_side",
            "decided_by",
            "rule",
            "participants_citizen",
            "participants_professional",
            "participants_political",
            "participants",
            "kind",
            "carried",
            "evidence_url",
            "decided_on",
            "recorded_by",
            "recorded_at",
            "reverses",
            "reason",
            "source",
        ]
        read_only_fields = [
            "id",
            "kind",
            "carried",
            "recorded_by",
            "recorded_at",
            "reverses",
            "reason",
        ]


class ReverseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class TotalsSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    minutes = serializers.IntegerField()
    pence = serializers.IntegerField()
    count = serializers.IntegerField()
    entries = serializers.IntegerField()


class RecordTotalsSerializer(serializers.Serializer):
    side = TotalsSerializer(many=True)
    stage = TotalsSerializer(many=True)
    kind = TotalsSerializer(many=True)


class RecordEntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """List, read and append entries of one initiative's record; reverse one with a reason."""

    reverse_entry: Callable[..., Any]  # the service that appends the reversing entry
    entry_name: str

    def get_object(self) -> Any:
        return gate.get_object(
            self.request.user, self.get_queryset(), "record.view_record", pk=self.kwargs["pk"]
        )

    @action(detail=True, methods=["post"])
    def reverse(self, request: Request, initiative_slug: str, pk: str) -> Response:
        entry = self.get_object()
        serializer = ReverseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reversal = type(self).reverse_entry(
            actor=request.user, **{self.entry_name: entry}, **serializer.validated_data
        )
        return Response(self.get_serializer(reversal).data, status=status.HTTP_201_CREATED)


class ContributionFilter(ByStage):
    class Meta:
        model = Contribution
        fields = {"side": ["exact"], "kind": ["exact"], "unit": ["exact"]}


class DecisionFilter(ByStage):
    class Meta:
        model = Decision
        fields = {"rule": ["exact"], "decided_by": ["exact"]}


@extend_schema_view(
    reverse=extend_schema(request=ReverseSerializer, responses={201: ContributionSerializer})
)
class ContributionViewSet(RecordEntryViewSet):
    serializer_class = ContributionSerializer
    reverse_entry = services.contribution_reverse
    entry_name = "contribution"
    filterset_class = ContributionFilter

    def get_queryset(self) -> QuerySet[Contribution]:
        if getattr(self, "swagger_fake_view", False):
            return Contribution.objects.none()
        return selectors.contributions_for(self.get_initiative(), self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.contribution_record(
            actor=self.request.user,
            initiative=self.get_initiative(),
            **serializer.validated_data,
        )

    @extend_schema(responses={200: RecordTotalsSerializer})
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def totals(self, request: Request, initiative_slug: str) -> Response:
        """Net totals per side, per stage and per kind (minutes, pence and counts)."""
        totals = selectors.record_totals(self.get_initiative())
        return Response(RecordTotalsSerializer(totals).data)

    @extend_schema(request=None, responses={201: None})
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, initiative_slug: str, pk: str) -> Response:
        services.contribution_verify(actor=request.user, contribution=self.get_object())
        return Response({"verified": True}, status=status.HTTP_201_CREATED)


@extend_schema_view(
    reverse=extend_schema(request=ReverseSerializer, responses={201: DecisionSerializer})
)
class DecisionViewSet(RecordEntryViewSet):
    serializer_class = DecisionSerializer
    reverse_entry = services.decision_reverse
    entry_name = "decision"
    filterset_class = DecisionFilter

    def get_queryset(self) -> QuerySet[Decision]:
        if getattr(self, "swagger_fake_view", False):
            return Decision.objects.none()
        return selectors.decisions_for(self.get_initiative())

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.decision_record(
            actor=self.request.user, initiative=self.get_initiative(), **data
        )
