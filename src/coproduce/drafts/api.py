"""Drafts in the REST API, inside an initiative: /api/v1/initiatives/{slug}/drafts/ and
amendments/. Same services, selectors and gate as the pages; text comes back as typed
(``body``), for clients to render with care, never as HTML."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.comanagement.api import people_named
from coproduce.core import gate
from coproduce.core.vocabulary import Position
from coproduce.drafts import diff, selectors, services
from coproduce.drafts.models import (
    BODY_MAX,
    REASON_MAX,
    SECTIONS_MAX,
    TITLE_MAX,
    AdoptionRule,
    Amendment,
    AmendmentKind,
    Draft,
    DraftVersion,
)
from coproduce.initiatives.api import InitiativeChildViewSet

LARGEST_NUMBER = 2**31 - 1


class DraftSectionSerializer(serializers.Serializer):
    key = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=LARGEST_NUMBER,
        help_text="An existing section's key; leave out for a new section.",
    )  # fmt: skip
    title = serializers.CharField(max_length=TITLE_MAX)
    body = serializers.CharField(max_length=BODY_MAX, allow_blank=True, required=False, default="")


class VersionSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    amendment = serializers.IntegerField(source="amendment_id", read_only=True, allow_null=True)

    class Meta:
        model = DraftVersion
        fields = ["number", "author", "reason", "created_at", "amendment"]
        read_only_fields = fields


class VersionTextSerializer(VersionSerializer):
    sections = serializers.SerializerMethodField()

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "sections"]
        read_only_fields = fields

    def get_sections(self, version: DraftVersion) -> list[dict[str, Any]]:
        return [
            {"key": s.key, "title": s.title, "body": s.body} for s in selectors.sections_of(version)
        ]


class DraftSerializer(serializers.ModelSerializer):
    group = serializers.SerializerMethodField()
    latest_version = serializers.SerializerMethodField()
    adopted_version = serializers.IntegerField(
        source="adopted_version.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Draft
        fields = ["id", "title", "purpose", "group", "latest_version", "adopted_version"]
        read_only_fields = ["id", "group", "latest_version", "adopted_version"]

    def get_group(self, draft: Draft) -> list[dict[str, str]]:
        return [{"person": m.person.username, "side": m.side} for m in selectors.group_of(draft)]

    def get_latest_version(self, draft: Draft) -> int | None:
        latest = selectors.latest_version(draft)
        return latest.number if latest else None


class DraftingGroupSerializer(serializers.Serializer):
    people = serializers.ListField(
        child=serializers.CharField(max_length=150), max_length=100, help_text="Usernames."
    )

    def validate_people(self, names: list[str]) -> list[Any]:
        people = people_named(names)
        if any(name not in people for name in names):
            raise serializers.ValidationError("Name only active members of this initiative.")
        return [people[name] for name in dict.fromkeys(names)]


class VersionSaveSerializer(serializers.Serializer):
    sections = serializers.ListField(
        child=DraftSectionSerializer(), min_length=1, max_length=SECTIONS_MAX
    )
    reason = serializers.CharField(max_length=REASON_MAX)
    based_on = serializers.IntegerField(
        min_value=0, max_value=LARGEST_NUMBER, help_text="The version you edited (0 for none)."
    )


class DraftAdoptSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=LARGEST_NUMBER)
    rule = serializers.ChoiceField(choices=AdoptionRule.choices)
    reason = serializers.CharField(max_length=REASON_MAX)
    positions = serializers.DictField(
        child=serializers.ChoiceField(choices=[Position.FOR, Position.AGAINST, Position.ABSTAINED]),
        required=False,
        help_text="For a vote: each drafting group member (username) and their position.",
    )

    def validate_positions(self, positions: dict[str, str]) -> dict[Any, str]:
        people = people_named(list(positions))
        if any(name not in people for name in positions):
            raise serializers.ValidationError(services.ADOPT_POSITIONS)
        return {people[name]: value for name, value in positions.items()}


class DiffPieceSerializer(serializers.Serializer):
    change = serializers.ChoiceField(choices=["same", "added", "removed"])
    text = serializers.CharField()


class SectionChangeSerializer(serializers.Serializer):
    change = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    key = serializers.IntegerField()
    title = serializers.CharField()
    old_title = serializers.CharField()
    moved = serializers.BooleanField()
    title_pieces = DiffPieceSerializer(many=True)
    body_pieces = DiffPieceSerializer(many=True)


def _number(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit() and 0 < len(value) < 10):
        raise ValidationError({name: "Give a version number."})
    return int(value)


class DraftViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """The initiative's drafts, their versions, the changes between two, and adoption."""

    serializer_class = DraftSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Draft]:
        if getattr(self, "swagger_fake_view", False):
            return Draft.objects.none()
        return selectors.drafts_of(self.get_initiative())

    def get_object(self) -> Draft:
        return gate.get_object(
            self.request.user, self.get_queryset(), "drafts.view", pk=self.kwargs["pk"]
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.draft_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    @extend_schema(request=DraftingGroupSerializer, responses={200: DraftSerializer})
    @action(detail=True, methods=["post"])
    def group(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Set the drafting group (coordinators): members of both sides."""
        draft = self.get_object()
        body = DraftingGroupSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.drafting_group_set(actor=request.user, draft=draft, **body.validated_data)
        return Response(DraftSerializer(draft).data)

    @extend_schema(methods=["get"], responses={200: VersionSerializer(many=True)}, request=None)
    @extend_schema(
        methods=["post"], request=VersionSaveSerializer, responses={201: VersionTextSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def versions(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Every version (newest first); or save a new one (the drafting group)."""
        draft = self.get_object()
        if request.method == "GET":
            return Response(VersionSerializer(selectors.versions_of(draft), many=True).data)
        body = VersionSaveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        version = services.version_save(
            actor=request.user,
            draft=draft,
            sections=[
                services.SectionText(s["title"], s["body"], s.get("key")) for s in given["sections"]
            ],
            reason=given["reason"],
            based_on=given["based_on"],
        )
        return Response(VersionTextSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: VersionTextSerializer})
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>[0-9]{1,9})")
    def version(self, request: Request, initiative_slug: str, pk: str, number: str) -> Response:
        """One version's text: what it says never changes."""
        found = selectors.version_numbered(self.get_object(), int(number))
        if found is None:
            raise ValidationError({"number": "There is no version with that number."})
        return Response(VersionTextSerializer(found).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, description="The older version (the one before to)."),
            OpenApiParameter("to", int, description="The newer version (the latest)."),
        ],
        responses={200: SectionChangeSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def diff(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Two versions compared section by section, words kept, added and removed."""
        draft = self.get_object()
        latest = selectors.latest_version(draft)
        top = latest.number if latest else 0
        newer_number = _number(request, "to", top)
        older = selectors.version_numbered(
            draft, _number(request, "from", max(newer_number - 1, 1))
        )
        newer = selectors.version_numbered(draft, newer_number)
        if older is None or newer is None:
            raise ValidationError({"from": "Name two versions of this draft."})
        changes = diff.compare(selectors.sections_of(older), selectors.sections_of(newer))
        return Response(SectionChangeSerializer(changes, many=True).data)

    @extend_schema(request=DraftAdoptSerializer, responses={200: DraftSerializer})
    @action(detail=True, methods=["post"])
    def adopt(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The drafting group adopts a version (consensus or open vote)."""
        draft = self.get_object()
        body = DraftAdoptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        adopted = services.draft_adopt(actor=request.user, draft=draft, **body.validated_data)
        return Response(DraftSerializer(adopted).data)


class InitiativeDraftField(serializers.PrimaryKeyRelatedField):
    """A draft id, accepted only from the initiative in the URL."""

    def get_queryset(self) -> QuerySet[Draft]:
        initiative = self.context.get("initiative")
        return Draft.objects.filter(initiative=initiative) if initiative else Draft.objects.none()


class AmendmentSerializer(serializers.ModelSerializer):
    draft = InitiativeDraftField()
    section = serializers.IntegerField(
        source="section_key", required=False, allow_null=True, min_value=1,
        max_value=LARGEST_NUMBER, help_text="The section's key (not for an added section).",
    )  # fmt: skip
    author = serializers.CharField(source="author.username", read_only=True)
    base_version = serializers.IntegerField(source="base_version.number", read_only=True)
    supporters = serializers.IntegerField(source="support_count", read_only=True, default=0)
    result_version = serializers.SerializerMethodField()

    class Meta:
        model = Amendment
        fields = [
            "id", "draft", "kind", "section", "title", "body", "reason", "author",
            "base_version", "status", "supporters", "decision_reason", "result_version",
        ]  # fmt: skip
        read_only_fields = ["id", "author", "status", "decision_reason", "result_version"]
        extra_kwargs = {"kind": {"choices": AmendmentKind.choices}}

    def get_result_version(self, amendment: Amendment) -> int | None:
        result = getattr(amendment, "result", None)
        return result.number if result else None


class AmendmentDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "reject"])
    reason = serializers.CharField(max_length=REASON_MAX)


class AmendmentRevisionSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=TITLE_MAX, required=False, default="", allow_blank=True
    )
    body = serializers.CharField(max_length=BODY_MAX, required=False, default="", allow_blank=True)
    reason = serializers.CharField(max_length=REASON_MAX)


class AmendmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """Members' amendments to the initiative's drafts, their support and the group's
    decisions."""

    serializer_class = AmendmentSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Amendment]:
        if getattr(self, "swagger_fake_view", False):
            return Amendment.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "drafts.view", initiative)
        return (
            Amendment.objects.filter(draft__initiative=initiative)
            .select_related("draft", "author", "base_version", "result")
            .order_by("-pk")
        )

    def get_object(self) -> Amendment:
        return gate.get_object(
            self.request.user, self.get_queryset(), "drafts.view", pk=self.kwargs["pk"]
        )

    def _with_body(
        self, serializer: type[serializers.Serializer]
    ) -> tuple[Amendment, dict[str, Any]]:
        """The amendment in the URL (404 if not visible) and the request's valid body."""
        amendment = self.get_object()
        body = serializer(data=self.request.data)
        body.is_valid(raise_exception=True)
        return amendment, dict(body.validated_data)

    def _shown(self, amendment: Amendment) -> dict[str, Any]:
        amendment.support_count = amendment.supports.count()  # type: ignore[attr-defined]
        return AmendmentSerializer(amendment, context=self.get_serializer_context()).data

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Propose an amendment to a draft's current version, with a reason."""
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        amendment = services.amendment_propose(
            actor=request.user,
            draft=given["draft"],
            kind=given["kind"],
            section_key=given.get("section_key"),
            title=given.get("title", ""),
            body=given.get("body", ""),
            reason=given["reason"],
        )
        return Response(self._shown(amendment), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: AmendmentSerializer})
    @action(detail=True, methods=["post", "delete"])
    def support(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Support an amendment (POST; once) or withdraw your support (DELETE)."""
        amendment = self.get_object()
        services.amendment_support(
            actor=request.user, amendment=amendment, support=request.method == "POST"
        )
        return Response(self._shown(amendment))

    @extend_schema(request=AmendmentDecisionSerializer, responses={200: AmendmentSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Accept or reject an amendment for the drafting group, with reasons."""
        amendment, given = self._with_body(AmendmentDecisionSerializer)
        decided = services.amendment_decide(
            actor=request.user,
            amendment=amendment,
            accept=given["decision"] == "accept",
            reason=given["reason"],
        )
        return Response(self._shown(decided))

    @extend_schema(request=AmendmentRevisionSerializer, responses={200: AmendmentSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The author brings an open amendment up to date with the current version."""
        amendment, given = self._with_body(AmendmentRevisionSerializer)
        revised = services.amendment_update(actor=request.user, amendment=amendment, **given)
        return Response(self._shown(revised))
