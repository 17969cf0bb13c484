"""REST API for initiatives, stages and members. Same services and gate as the pages."""

from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls.converters import SlugConverter
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.accounts.people import UsernameField
from coproduce.accounts.selectors import user_by_username
from coproduce.core import gate
from coproduce.core.queries import LARGEST_ID
from coproduce.core.vocabulary import LeadershipType, Role, Side
from coproduce.initiatives import selectors, services
from coproduce.initiatives.models import (
    DiagnosticSettings,
    Goal,
    Initiative,
    Membership,
    MembershipStatus,
    SideChange,
    Stage,
    StageDeclaration,
)
from coproduce.organisations.models import Organisation


class StageSerializer(serializers.ModelSerializer):
    group = serializers.CharField(read_only=True)

    class Meta:
        model = Stage
        fields = ["id", "kind", "group", "status", "starts_on", "ends_on", "notes"]
        read_only_fields = ["id", "group"]
        validators: list[Any] = []  # uniqueness is the service's to check, with a clear message


class StageUpdateSerializer(StageSerializer):
    class Meta(StageSerializer.Meta):
        read_only_fields = ["id", "group", "kind"]


class GoalSerializer(serializers.ModelSerializer):
    agreed_by_both_sides = serializers.BooleanField(read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "text",
            "proposed_by_side",
            "agreed_by_citizens",
            "agreed_by_professionals",
            "agreed_by_both_sides",
            "rejected_at",
            "rejection_reason",
        ]
        read_only_fields = fields


class InitiativeSerializer(serializers.ModelSerializer):
    lead_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    partner_organisations = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False
    )
    stages = StageSerializer(many=True, read_only=True)
    goals = GoalSerializer(many=True, read_only=True)
    is_case_study = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "slug",
            "title",
            "summary",
            "service_area",
            "locality",
            "country",
            "lead_organisation",
            "partner_organisations",
            "visibility",
            "join_policy",
            "is_case_study",
            "stages",
            "goals",
            "created_at",
        ]
        read_only_fields = ["slug", "created_at"]

    def get_is_case_study(self, initiative: Initiative) -> bool:
        return hasattr(initiative, "case_study")


class InitiativeCreateSerializer(InitiativeSerializer):
    side = serializers.ChoiceField(choices=Side.choices, write_only=True)
    role = serializers.ChoiceField(choices=Role.choices, write_only=True)
    leadership_type = serializers.ChoiceField(
        choices=LeadershipType.choices, write_only=True, required=False, allow_blank=True
    )

    class Meta(InitiativeSerializer.Meta):
        fields = [*InitiativeSerializer.Meta.fields, "side", "role", "leadership_type"]


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True)
    name = serializers.CharField(source="user.shown_name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "name",
            "side",
            "role",
            "leadership_type",
            "is_coordinator",
            "is_reviewer",
            "status",
        ]
        read_only_fields = ["id", "user", "name", "is_coordinator", "is_reviewer", "status"]


class JoinSerializer(MembershipSerializer):
    """Asking to join names a side and a role; accepting an invitation may leave them out
    (the coordinator chose them; a different one is refused)."""

    side = serializers.ChoiceField(choices=Side.choices, required=False)
    role = serializers.ChoiceField(choices=Role.choices, required=False)


class SideChangeSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="membership.user.username", read_only=True)
    membership = serializers.IntegerField(source="membership_id", read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = SideChange
        fields = [
            "id",
            "membership",
            "user",
            "from_side",
            "from_role",
            "side",
            "role",
            "status",
            "requested_at",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = [
            "id",
            "membership",
            "user",
            "from_side",
            "from_role",
            "status",
            "requested_at",
            "decided_by",
            "decided_at",
        ]
        extra_kwargs = {"side": {"required": True}, "role": {"required": True}}


class ReviewerSerializer(serializers.Serializer):
    is_reviewer = serializers.BooleanField()


class InviteSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    side = serializers.ChoiceField(choices=Side.choices)
    role = serializers.ChoiceField(choices=Role.choices)


class MemberField(UsernameField):
    """A person named by their username, in the initiative of the serializer's context: read
    with their membership status there (``selectors.person_by_username``), which the
    service's checks then take as read instead of asking again."""

    def find(self, username: str) -> Any | None:
        return selectors.person_by_username(username, self.context["initiative"])


def member_field(**kwargs: Any) -> MemberField:
    """A person, named by their username, in the context's initiative (not always a member:
    the service says what it needs)."""
    return MemberField(slug_field="username", queryset=get_user_model().objects.all(), **kwargs)


def initiative_from(request: Request, slug: str) -> Initiative:
    return gate.found(
        request.user,
        selectors.initiative_by_slug(slug, request.user),
        "initiatives.view_initiative",
    )


class InitiativeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "slug"
    lookup_value_regex = SlugConverter.regex  # as the pages: no NUL reaches the database
    filterset_fields = {"service_area": ["exact"], "visibility": ["exact"], "country": ["exact"]}
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Initiative]:
        return (
            selectors.initiatives_visible_to(self.request.user)
            .prefetch_related("stages", "goals", "partner_organisations")
            .select_related("case_study")
            .order_by("title")
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return InitiativeCreateSerializer if self.action == "create" else InitiativeSerializer

    def get_object(self) -> Initiative:
        return initiative_from(self.request, self.kwargs["slug"])

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.initiative_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.initiative_update(
            actor=self.request.user,
            initiative=cast(Initiative, serializer.instance),
            **serializer.validated_data,
        )

    @extend_schema(request=None, responses={200: MembershipSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def leave(self, request: Request, slug: str) -> Response:
        membership = services.membership_leave(actor=request.user, initiative=self.get_object())
        return Response(MembershipSerializer(membership).data)


class InitiativeChildViewSet(viewsets.GenericViewSet):
    """Base for collections that live inside one initiative (/initiatives/{slug}/...)."""

    def get_initiative(self) -> Initiative:
        if not hasattr(self, "_initiative"):
            self._initiative = initiative_from(self.request, self.kwargs["initiative_slug"])
        return self._initiative

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["initiative"] = self.get_initiative()
        return context


class StageViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    InitiativeChildViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Stage]:
        if getattr(self, "swagger_fake_view", False):
            return Stage.objects.none()
        return self.get_initiative().stages.all()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return StageUpdateSerializer if self.action == "partial_update" else StageSerializer

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.stage_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.stage_update(
            actor=self.request.user,
            stage=cast(Stage, serializer.instance),
            **serializer.validated_data,
        )


class MembershipViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """Members of an initiative: list; join; and, for coordinators, decide and invite."""

    serializer_class = MembershipSerializer
    filterset_fields = {"side": ["exact"], "status": ["exact"]}

    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        initiative = self.get_initiative()
        members = initiative.memberships.select_related("user").order_by("id")
        if gate.allows(self.request.user, "initiatives.manage_members", initiative):
            return members
        return members.filter(status=MembershipStatus.ACTIVE)

    @extend_schema(request=JoinSerializer, responses={201: MembershipSerializer})
    def create(self, request: Request, initiative_slug: str) -> Response:
        """Ask to join (or accept an invitation, as invited)."""
        serializer = JoinSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_request(
            actor=request.user, initiative=self.get_initiative(), **serializer.validated_data
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    def _decide(self, request: Request, pk: str, approve: bool) -> Response:
        initiative = self.get_initiative()
        membership = gate.get_object(
            request.user, initiative.memberships.all(), "initiatives.manage_members", pk=pk
        )
        membership = services.membership_decide(
            actor=request.user, membership=membership, approve=approve
        )
        return Response(MembershipSerializer(membership).data)

    @extend_schema(request=None, responses={200: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, initiative_slug: str, pk: str) -> Response:
        return self._decide(request, pk, approve=True)

    @extend_schema(request=None, responses={200: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, initiative_slug: str, pk: str) -> Response:
        return self._decide(request, pk, approve=False)

    @extend_schema(request=InviteSerializer, responses={201: MembershipSerializer})
    @action(detail=False, methods=["post"])
    def invite(self, request: Request, initiative_slug: str) -> Response:
        initiative = self.get_initiative()
        gate.require(request.user, "initiatives.manage_members", initiative)
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        invitee = user_by_username(data["username"])
        if invitee is None:
            raise serializers.ValidationError({"user": [str(services.NOT_INVITABLE)]})
        membership = services.membership_invite(
            actor=request.user,
            initiative=initiative,
            user=invitee,
            side=data["side"],
            role=data["role"],
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    def _member(self, request: Request, pk: str, perm: str) -> Membership:
        return gate.get_object(
            request.user, self.get_initiative().memberships.select_related("user"), perm, pk=pk
        )

    @extend_schema(methods=["get"], request=None, responses={200: SideChangeSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=SideChangeSerializer, responses={201: SideChangeSerializer}
    )
    @action(detail=False, methods=["get", "post"], url_path="side-changes")
    def side_changes(self, request: Request, initiative_slug: str) -> Response:
        """Requests to change side: coordinators see those waiting, a member their own; a
        member asks for a change (a coordinator other than them decides)."""
        initiative = self.get_initiative()
        if request.method == "POST":
            serializer = SideChangeSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            change = services.side_change_request(
                actor=request.user, initiative=initiative, **serializer.validated_data
            )
            return Response(SideChangeSerializer(change).data, status=status.HTTP_201_CREATED)
        if gate.allows(request.user, "initiatives.manage_members", initiative):
            changes = selectors.side_changes_pending(initiative)
        else:
            changes = selectors.side_changes_of(request.user, initiative)
        return Response(SideChangeSerializer(changes, many=True).data)

    def _decide_side(self, request: Request, pk: str, approve: bool) -> Response:
        membership = self._member(request, pk, "initiatives.manage_members")
        change = services.side_change_decide(
            actor=request.user, membership=membership, approve=approve
        )
        return Response(SideChangeSerializer(change).data)

    @extend_schema(request=None, responses={200: SideChangeSerializer})
    @action(detail=True, methods=["post"], url_path="approve-side-change")
    def approve_side_change(self, request: Request, initiative_slug: str, pk: str) -> Response:
        return self._decide_side(request, pk, approve=True)

    @extend_schema(request=None, responses={200: SideChangeSerializer})
    @action(detail=True, methods=["post"], url_path="refuse-side-change")
    def refuse_side_change(self, request: Request, initiative_slug: str, pk: str) -> Response:
        return self._decide_side(request, pk, approve=False)

    @extend_schema(request=ReviewerSerializer, responses={200: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def reviewer(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """A coordinator names a member a reviewer, or withdraws it."""
        membership = self._member(request, pk, "initiatives.manage_members")
        serializer = ReviewerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_set_reviewer(
            actor=request.user, membership=membership, **serializer.validated_data
        )
        return Response(MembershipSerializer(membership).data)


class InitiativeStageField(serializers.PrimaryKeyRelatedField):
    """A stage id, accepted only from the initiative in the URL."""

    def get_queryset(self) -> QuerySet[Stage]:
        initiative = self.context.get("initiative")
        return initiative.stages.all() if initiative else Stage.objects.none()


class DiagnosticSettingsSerializer(serializers.Serializer):
    """The settings as stored: rates in pence, the cap in minutes; ``is_default`` while no
    one has saved this initiative's own."""

    threshold = serializers.DecimalField(max_digits=3, decimal_places=2, coerce_to_string=False)
    low_rate_pence = serializers.IntegerField()
    low_rate_source = serializers.CharField(allow_blank=True)
    low_rate_year = serializers.IntegerField()
    high_rate_pence = serializers.IntegerField()
    high_rate_source = serializers.CharField(allow_blank=True)
    high_rate_year = serializers.IntegerField()
    weekly_cap_minutes = serializers.IntegerField()
    is_default = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(read_only=True)
    updated_by = serializers.CharField(
        source="updated_by.username", read_only=True, allow_null=True, default=None
    )

    def get_is_default(self, settings: DiagnosticSettings) -> bool:
        return settings.pk is None


class DiagnosticSettingsView(APIView):
    """How the diagnostics read an initiative: anyone who may see it reads them (the
    defaults until a coordinator saves its own); its coordinators (and staff) replace them."""

    @extend_schema(responses={200: DiagnosticSettingsSerializer})
    def get(self, request: Request, initiative_slug: str) -> Response:
        settings = selectors.diagnostic_settings(initiative_from(request, initiative_slug))
        return Response(DiagnosticSettingsSerializer(settings).data)

    @extend_schema(
        request=DiagnosticSettingsSerializer, responses={200: DiagnosticSettingsSerializer}
    )
    def put(self, request: Request, initiative_slug: str) -> Response:
        initiative = initiative_from(request, initiative_slug)
        gate.require(request.user, "initiatives.change_diagnostic_settings", initiative)
        serializer = DiagnosticSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        settings = services.diagnostic_settings_save(
            actor=request.user, initiative=initiative, **serializer.validated_data
        )
        return Response(DiagnosticSettingsSerializer(settings).data)


class StageDeclarationSerializer(serializers.ModelSerializer):
    stage = InitiativeStageField()
    stage_kind = serializers.CharField(source="stage.kind", read_only=True)
    declared_by = serializers.CharField(source="declared_by.username", read_only=True)
    decision = serializers.IntegerField(source="decision_id", read_only=True, allow_null=True)
    standing = serializers.BooleanField(read_only=True)

    class Meta:
        model = StageDeclaration
        fields = [
            "id",
            "stage",
            "stage_kind",
            "planning",
            "delivery",
            "assessment",
            "evidence",
            "declared_by",
            "declared_on",
            "decision",
            "standing",
        ]
        read_only_fields = ["id"]
        # the service says what is missing (at least one of the three), with its message
        extra_kwargs = {"evidence": {"allow_blank": True}}


class ByStage(filters.FilterSet):
    """Filters a list inside one initiative by a stage's id without asking whether that
    stage exists: a choice among all stages answered 400 for an id no stage has and 200
    for another initiative's, telling anyone which stages exist in initiatives they cannot
    see. Any id now answers the same: the entries of this initiative in that stage."""

    stage = filters.NumberFilter(field_name="stage_id", min_value=1, max_value=LARGEST_ID)


class StageDeclarationViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """Declarations of who plans, delivers and assesses each stage, newest first, each
    standing until its decision in the record is reversed: anyone who may see the
    initiative lists them; its coordinators declare."""

    serializer_class = StageDeclarationSerializer
    filterset_class = ByStage

    def get_queryset(self) -> QuerySet[StageDeclaration]:
        if getattr(self, "swagger_fake_view", False):
            return StageDeclaration.objects.none()
        return selectors.stage_declarations(self.get_initiative())

    @extend_schema(request=StageDeclarationSerializer, responses={201: StageDeclarationSerializer})
    def create(self, request: Request, initiative_slug: str) -> Response:
        initiative = self.get_initiative()
        gate.require(request.user, "initiatives.declare_stage", initiative)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        declaration = services.stage_declare(actor=request.user, **serializer.validated_data)
        shown = selectors.stage_declarations(initiative).get(pk=declaration.pk)
        return Response(self.get_serializer(shown).data, status=status.HTTP_201_CREATED)
