"""Ideas in the REST API, inside an initiative: /api/v1/initiatives/{slug}/ideas/…

``ideas/`` lists (filters ``status``, ``category``; ``sort`` newest or supported) and takes
a new idea (JSON; a picture is added on the idea's page); ``ideas/{id}/`` is one idea;
``support/`` supports it (POST) or withdraws the caller's support (DELETE); ``comments/``
lists and takes comments; ``answers/`` lists the coordinators' answers and takes one
(coordinators). What a hidden idea or comment said is served to coordinators alone. Same
selectors and services as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core import gate
from coproduce.core.queries import LARGEST_ID
from coproduce.ideas import selectors, services
from coproduce.ideas.models import (
    ANSWERS,
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Category,
    Idea,
    IdeaStatus,
)
from coproduce.ideas.selectors import SORTS, ShownIdea
from coproduce.initiatives.api import InitiativeChildViewSet

FILTERS = [
    OpenApiParameter("status", str, enum=IdeaStatus.values, description="Only this status."),
    OpenApiParameter("category", str, enum=Category.values, description="Only this category."),
    OpenApiParameter("sort", str, enum=list(SORTS), description="newest (default) or supported."),
]


class IdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, source="pk")
    title = serializers.CharField(max_length=TITLE_MAX, help_text="'Hidden idea' when hidden.")
    text = serializers.CharField(
        max_length=TEXT_MAX, help_text="Empty when hidden (but to coordinators)."
    )
    category = serializers.ChoiceField(choices=Category.choices)
    status = serializers.ChoiceField(
        choices=IdeaStatus.choices, read_only=True, source="idea.status"
    )
    supporters = serializers.IntegerField(read_only=True)
    hidden_reason = serializers.CharField(
        read_only=True, help_text="The coordinators' public reason; empty unless hidden."
    )
    merged_into = serializers.IntegerField(
        read_only=True, allow_null=True, source="idea.merged_into_id"
    )
    author = serializers.CharField(read_only=True, source="idea.author.username")
    created_at = serializers.DateTimeField(read_only=True, source="idea.created_at")
    picture = serializers.SerializerMethodField(
        help_text="Where its picture is served; null without one, or when hidden."
    )
    image_alt = serializers.SerializerMethodField(help_text="What the picture shows.")

    def get_picture(self, shown: ShownIdea) -> str | None:
        if shown.picture is None:
            return None
        return reverse("ideas:picture", args=[shown.idea.initiative.slug, shown.pk])

    def get_image_alt(self, shown: ShownIdea) -> str:
        return "" if shown.picture is None else shown.idea.image_alt


class IdeaCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    author = serializers.CharField(read_only=True, source="author.username")
    text = serializers.CharField(
        max_length=COMMENT_MAX, help_text="Empty when hidden (but to coordinators)."
    )
    hidden_reason = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class IdeaAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=[(s.value, s.label) for s in ANSWERS])
    reason = serializers.CharField(
        max_length=REASON_MAX, required=False, allow_blank=True, default=""
    )
    process = serializers.IntegerField(
        source="process_id",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LARGEST_ID,
        help_text="The PB process of this initiative (for into_pb).",
    )
    budget = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LARGEST_ID,
        write_only=True,
        help_text="For into_pb: the budget (of a process of this initiative, taking "
        "proposals) the idea becomes a proposal of; may be left out when the process has "
        "one budget.",
    )
    estimated_cost = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        write_only=True,
        help_text="For into_pb: the proposal's estimated cost in pence (hundredths).",
    )
    proposal = serializers.IntegerField(
        source="proposal_id",
        read_only=True,
        help_text="The PB proposal an into_pb answer made of the idea.",
    )
    answered_by = serializers.CharField(read_only=True, source="answered_by.username")
    at = serializers.DateTimeField(read_only=True)


def _choice(request: Request, name: str, allowed: list[str]) -> str | None:
    value = request.query_params.get(name)
    if value is not None and value not in allowed:
        raise ValidationError({name: f"Give one of: {', '.join(allowed)}."})
    return value


class IdeaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeChildViewSet):
    """The initiative's ideas, with their comments, supports and answers."""

    serializer_class = IdeaSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]

    def _reveal(self) -> bool:
        return selectors.may_see_hidden(self.request.user, self.get_initiative())

    def get_queryset(self) -> QuerySet[Idea]:
        if getattr(self, "swagger_fake_view", False):
            return Idea.objects.none()
        request = self.request
        return selectors.ideas_of(
            self.get_initiative(),
            status=_choice(request, "status", IdeaStatus.values),
            category=_choice(request, "category", Category.values),
            sort=_choice(request, "sort", list(SORTS)) or "newest",
        )

    def get_object(self) -> Idea:
        found = selectors.idea_with_count(self.get_initiative(), _id(self.kwargs["pk"]))
        return gate.found(self.request.user, found, "ideas.view")

    def _shown(self, idea: Idea) -> ShownIdea:
        return selectors.shown_idea(idea, self._reveal())

    @extend_schema(parameters=FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        reveal = self._reveal()
        shown = [selectors.shown_idea(idea, reveal) for idea in page or []]
        return self.get_paginated_response(IdeaSerializer(shown, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(IdeaSerializer(self._shown(self.get_object())).data)

    @extend_schema(request=IdeaSerializer, responses={201: IdeaSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Post an idea (active members)."""
        initiative = self.get_initiative()
        gate.require(request.user, "ideas.post", initiative)
        body = IdeaSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        idea = services.idea_post(actor=request.user, initiative=initiative, **body.validated_data)
        found = selectors.idea_with_count(initiative, idea.pk)
        assert found is not None
        return Response(IdeaSerializer(self._shown(found)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: IdeaSerializer, 204: None})
    @action(detail=True, methods=["post", "delete"])
    def support(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Support the idea (POST), or withdraw your support (DELETE)."""
        idea = self.get_object()
        if request.method == "DELETE":
            services.idea_unsupport(actor=request.user, idea=idea)
            return Response(status=status.HTTP_204_NO_CONTENT)
        services.idea_support(actor=request.user, idea=idea)
        return Response(
            IdeaSerializer(self._shown(self.get_object())).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=IdeaCommentSerializer,
        responses={200: IdeaCommentSerializer(many=True), 201: IdeaCommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def comments(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        idea = self.get_object()
        reveal = self._reveal()
        if request.method == "GET":
            rows = selectors.comments_shown(idea, reveal)
            return Response(IdeaCommentSerializer(rows, many=True).data)
        gate.require(request.user, "ideas.comment", idea)
        body = IdeaCommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = services.idea_comment(actor=request.user, idea=idea, **body.validated_data)
        shown = selectors.shown_comment(comment, reveal)
        return Response(IdeaCommentSerializer(shown).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=IdeaAnswerSerializer,
        responses={200: IdeaAnswerSerializer(many=True), 201: IdeaAnswerSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def answers(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The coordinators' answers, newest first; a coordinator adds one (POST)."""
        idea = self.get_object()
        if request.method == "GET":
            return Response(IdeaAnswerSerializer(selectors.answers_of(idea), many=True).data)
        gate.require(request.user, "ideas.answer", idea)
        body = IdeaAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        answer = services.idea_answer(
            actor=request.user,
            idea=idea,
            status=given["status"],
            reason=given["reason"],
            process=given.get("process_id"),
            budget=given.get("budget"),
            estimated_cost=given.get("estimated_cost"),
        )
        return Response(IdeaAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)


def _id(value: Any) -> int:
    """An idea id from the URL; anything else is answered as not found."""
    text = str(value)
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= LARGEST_ID:
        return 0
    return int(text)
