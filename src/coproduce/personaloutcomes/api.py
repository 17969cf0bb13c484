"""REST API for personal outcomes, inside an initiative: /api/v1/initiatives/{slug}/…

``personal-scales/``: the initiative's scale (its domains and the label of each step), for
its members and coordinators. ``my-readings/``: the caller's own readings, and a new one
(every domain scored 1 to 10). No endpoint gives anyone else's readings."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.permissions import IsAuthenticated

from coproduce.core import gate
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.initiatives.models import Membership
from coproduce.personaloutcomes import services
from coproduce.personaloutcomes.models import HIGHEST, LOWEST, Domain, Reading, Scale, Score


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = ["id", "position", "name", "guidance"]
        read_only_fields = fields


class ScaleSerializer(serializers.ModelSerializer):
    domains = DomainSerializer(many=True, read_only=True)
    labels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Scale
        fields = ["id", "name", "labels", "domains"]
        read_only_fields = fields


class ScoreSerializer(serializers.ModelSerializer):
    domain = serializers.IntegerField(source="domain_id", min_value=1)
    score = serializers.IntegerField(min_value=LOWEST, max_value=HIGHEST)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    class Meta:
        model = Score
        fields = ["domain", "score", "note"]


class ReadingSerializer(serializers.ModelSerializer):
    scores = ScoreSerializer(many=True)
    entered_by = serializers.CharField(source="entered_by.username", read_only=True)
    replaced = serializers.SerializerMethodField()

    class Meta:
        model = Reading
        fields = ["id", "taken_on", "scores", "entered_by", "entered_at", "corrects", "replaced"]
        read_only_fields = ["id", "entered_by", "entered_at", "corrects", "replaced"]

    @extend_schema_field(serializers.BooleanField)
    def get_replaced(self, reading: Reading) -> bool:
        return bool(getattr(reading, "replaced", False))

    def validate_scores(self, scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len({s["domain_id"] for s in scores}) != len(scores):
            raise serializers.ValidationError("Score each domain once.")
        return scores


class ScaleViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """The initiative's scale, if it has one (members and coordinators)."""

    serializer_class = ScaleSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Scale]:
        if getattr(self, "swagger_fake_view", False):
            return Scale.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "personaloutcomes.view_scale", initiative)
        return Scale.objects.filter(initiative=initiative).prefetch_related("domains")


class MyReadingViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, InitiativeChildViewSet):
    """Your own readings, oldest first (corrected ones marked ``replaced``); add one."""

    serializer_class = ReadingSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Reading]:
        if getattr(self, "swagger_fake_view", False):
            return Reading.objects.none()
        return (
            Reading.objects.filter(
                scale__initiative=self.get_initiative(), person=self.request.user.pk
            )
            .annotate(replaced=Exists(Reading.objects.filter(corrects=OuterRef("pk"))))
            .select_related("entered_by")
            .prefetch_related("scores")
            .order_by("taken_on", "pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        initiative = self.get_initiative()
        membership = Membership.objects.filter(
            initiative=initiative, user=self.request.user.pk
        ).first()
        gate.require(self.request.user, "personaloutcomes.take_reading", membership)
        assert membership is not None  # the gate refuses anyone without one
        data = serializer.validated_data
        try:
            serializer.instance = services.reading_take(
                actor=self.request.user,
                membership=membership,
                taken_on=data["taken_on"],
                scores={s["domain_id"]: s["score"] for s in data["scores"]},
                notes={s["domain_id"]: s.get("note", "") for s in data["scores"]},
            )
        except ValidationError as error:
            # a domain left out is named in the request's terms: its scores
            raise ValidationError(
                {
                    ("scores" if field.startswith("score_") else field): messages
                    for field, messages in error.message_dict.items()
                }
            ) from None
