"""Journey maps in the REST API, inside an initiative: /api/v1/initiatives/{slug}/…

``journey-maps/`` (read by everyone who may view the initiative; made and changed by
coordinators and staff), ``journey-maps/{id}/stages/`` (add a stage at the end),
``journey-maps/{id}/notes/`` (the notes; active members add one), ``journey-maps/{id}/summary/``
(per stage and side: mean feeling, pain points, "seen differently"), ``journey-stages/{id}/``
(rename, move) and ``journey-notes/{id}/`` (a pain point's status; ``remove/``). Same
services and selectors as the pages; ``author`` is null to anyone but active members."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core import gate
from coproduce.core.queries import LARGEST_ID
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.journeymaps import selectors, services
from coproduce.journeymaps.models import (
    DESCRIPTION_MAX,
    NOTE_MAX,
    STAGE_NAME_MAX,
    TITLE_MAX,
    JourneyMap,
    JourneyNote,
    JourneyStage,
    NoteKind,
    PainPointStatus,
)


class JourneyMapSerializer(serializers.ModelSerializer):
    class Meta:
        model = JourneyMap
        fields = ["id", "title", "description"]
        read_only_fields = ["id"]
        validators: list[Any] = []  # the service says a title is taken, by field

    title = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX, required=False, allow_blank=True
    )


class JourneyStageSerializer(serializers.ModelSerializer):
    name = serializers.CharField(max_length=STAGE_NAME_MAX, required=False)
    position = serializers.IntegerField(
        required=False, min_value=1, max_value=10_000, help_text="1 is the first stage."
    )

    class Meta:
        model = JourneyStage
        fields = ["id", "name", "position"]
        read_only_fields = ["id"]
        validators: list[Any] = []


class JourneyNoteSerializer(serializers.ModelSerializer):
    stage = serializers.IntegerField(source="stage_id", min_value=1, max_value=LARGEST_ID)
    kind = serializers.ChoiceField(choices=NoteKind.choices)
    text = serializers.CharField(max_length=NOTE_MAX)
    feeling = serializers.IntegerField(
        required=False, allow_null=True, help_text="-2 (very bad) to 2 (very good); feels only."
    )
    author = serializers.SerializerMethodField(help_text="Username; null unless a member asks.")
    side = serializers.CharField(read_only=True, help_text="From the author's membership.")
    status = serializers.CharField(read_only=True, help_text="Pain points: open or taken_up.")

    class Meta:
        model = JourneyNote
        fields = ["id", "stage", "kind", "text", "feeling", "side", "author", "status"]
        read_only_fields = ["id", "side", "author", "status"]

    def get_author(self, note: JourneyNote) -> str | None:
        return note.author.username if self.context.get("see_authors") else None


class JourneyNoteStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PainPointStatus.choices)


class JourneyNoteRemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class JourneySideFiguresSerializer(serializers.Serializer):
    side = serializers.CharField()
    feelings = serializers.IntegerField(help_text="Members of the side who gave a feeling.")
    mean = serializers.FloatField(
        source="mean_number", allow_null=True, help_text="Null under min_for_mean feelings."
    )
    pain_points = serializers.IntegerField()


class JourneyStageSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="stage.pk")
    position = serializers.IntegerField(source="stage.position")
    name = serializers.CharField(source="stage.name")
    sides = JourneySideFiguresSerializer(many=True)
    seen_differently = serializers.BooleanField()


class JourneySummarySerializer(serializers.Serializer):
    rules = serializers.CharField()
    min_for_mean = serializers.IntegerField()
    stages = JourneyStageSummarySerializer(many=True)


class JourneyViewSet(InitiativeChildViewSet):
    """Open to anyone the initiative is shown to; each object found through the gate, so a
    map, stage or note of a private initiative or another one answers 404."""

    permission_classes = [AllowAny]

    def get_object(self) -> Any:
        return gate.get_object(
            self.request.user, self.get_queryset(), "journeymaps.view_map", pk=self.kwargs["pk"]
        )


class JourneyMapViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    JourneyViewSet,
):
    """An initiative's journey maps, their stages and notes, and the per-side summary."""

    serializer_class = JourneyMapSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[JourneyMap]:
        if getattr(self, "swagger_fake_view", False):
            return JourneyMap.objects.none()
        return JourneyMap.objects.filter(initiative=self.get_initiative()).select_related(
            "initiative"
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.journey_map_save(
            actor=self.request.user,
            initiative=self.get_initiative(),
            **serializer.validated_data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        journey_map = serializer.instance
        assert isinstance(journey_map, JourneyMap)
        given = {"title": journey_map.title, "description": journey_map.description}
        serializer.instance = services.journey_map_save(
            actor=self.request.user,
            initiative=self.get_initiative(),
            journey_map=journey_map,
            **(given | dict(serializer.validated_data)),
        )

    @extend_schema(
        methods=["get"], request=None, responses={200: JourneyStageSerializer(many=True)}
    )
    @extend_schema(
        methods=["post"], request=JourneyStageSerializer, responses={201: JourneyStageSerializer}
    )
    @action(detail=True, methods=["get", "post"], serializer_class=JourneyStageSerializer)
    def stages(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The map's stages in order; add one at the end (coordinators and staff)."""
        journey_map = self.get_object()
        if request.method == "GET":
            found = JourneyStage.objects.filter(journey_map=journey_map)
            return Response(JourneyStageSerializer(found, many=True).data)
        gate.require(request.user, "journeymaps.manage_stages", journey_map)
        body = JourneyStageSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        stage = services.journey_stage_add(
            actor=request.user, journey_map=journey_map, name=body.validated_data.get("name", "")
        )
        return Response(JourneyStageSerializer(stage).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], request=None, responses={200: JourneyNoteSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=JourneyNoteSerializer, responses={201: JourneyNoteSerializer}
    )
    @action(detail=True, methods=["get", "post"], serializer_class=JourneyNoteSerializer)
    def notes(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The notes on the map, in stage order; add one (active members), on your side."""
        journey_map = self.get_object()
        context = {"see_authors": gate.allows(request.user, "journeymaps.see_authors", journey_map)}
        if request.method == "GET":
            page = self.paginate_queryset(selectors.notes_on(journey_map))
            data = JourneyNoteSerializer(page, many=True, context=context).data
            return self.get_paginated_response(data)
        gate.require(request.user, "journeymaps.add_note", journey_map)
        body = JourneyNoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        note = services.journey_note_add(
            actor=request.user,
            journey_map=journey_map,
            stage=given["stage_id"],
            kind=given["kind"],
            text=given["text"],
            feeling=given.get("feeling"),
        )
        shown = JourneyNoteSerializer(note, context=context).data
        return Response(shown, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: JourneySummarySerializer})
    @action(detail=True, methods=["get"])
    def summary(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Per stage and side: how many gave a feeling, the mean (from min_for_mean up) and
        the pain points; and whether the sides see the stage differently (``rules``)."""
        found = {
            "rules": selectors.RULES,
            "min_for_mean": selectors.MIN_FOR_MEAN,
            "stages": selectors.grid(self.get_object()),
        }
        return Response(JourneySummarySerializer(found).data)


class JourneyStageViewSet(
    mixins.RetrieveModelMixin, mixins.UpdateModelMixin, InitiativeChildViewSet
):
    """A stage of a journey map: rename it or move it (``position``, 1 first)."""

    serializer_class = JourneyStageSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[JourneyStage]:
        if getattr(self, "swagger_fake_view", False):
            return JourneyStage.objects.none()
        return JourneyStage.objects.filter(
            journey_map__initiative=self.get_initiative()
        ).select_related("journey_map__initiative")

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        stage = serializer.instance
        assert isinstance(stage, JourneyStage)
        given = serializer.validated_data
        gate.require(self.request.user, "journeymaps.manage_stages", stage)
        if "name" in given:
            services.journey_stage_rename(actor=self.request.user, stage=stage, name=given["name"])
        if "position" in given:
            services.journey_stage_move(
                actor=self.request.user, stage=stage, position=given["position"]
            )
        serializer.instance = JourneyStage.objects.get(pk=stage.pk)


class JourneyNoteViewSet(mixins.RetrieveModelMixin, JourneyViewSet):
    """A note on a map: read it; a coordinator sets a pain point's status (PATCH); its
    author or a coordinator removes it (``remove/``: the record reverses its entry)."""

    serializer_class = JourneyNoteSerializer
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[JourneyNote]:
        if getattr(self, "swagger_fake_view", False):
            return JourneyNote.objects.none()
        return JourneyNote.objects.filter(
            stage__journey_map__initiative=self.get_initiative(), removed_at__isnull=True
        ).select_related("author", "stage__journey_map__initiative")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["see_authors"] = gate.allows(
                self.request.user, "journeymaps.see_authors", self.get_initiative()
            )
        return context

    @extend_schema(request=JourneyNoteStatusSerializer, responses={200: JourneyNoteSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Mark a pain point open or taken up (coordinators)."""
        note = self.get_object()
        gate.require(request.user, "journeymaps.mark_pain_point", note)
        body = JourneyNoteStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.pain_point_mark(
            actor=request.user, note=note, status=body.validated_data["status"]
        )
        return Response(self.get_serializer(note).data)

    @extend_schema(request=JourneyNoteRemoveSerializer, responses={200: JourneyNoteSerializer})
    @action(detail=True, methods=["post"], serializer_class=JourneyNoteRemoveSerializer)
    def remove(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Take the note off the map (its author; a coordinator, giving a reason)."""
        note = self.get_object()
        gate.require(request.user, "journeymaps.remove_note", note)
        body = JourneyNoteRemoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.journey_note_remove(
            actor=request.user, note=note, reason=body.validated_data["reason"]
        )
        return Response(JourneyNoteSerializer(note, context=self.get_serializer_context()).data)
