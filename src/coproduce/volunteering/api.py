"""REST API for volunteering, inside an initiative: /api/v1/initiatives/{slug}/…"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import person_field
from coproduce.core import gate
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.initiatives.selectors import organisations_of
from coproduce.organisations.models import Organisation
from coproduce.record.api import InitiativeStageField
from coproduce.volunteering import selectors, services
from coproduce.volunteering.models import HoursLog, Opportunity, Shift, SignUp


class InitiativeOpportunityField(serializers.PrimaryKeyRelatedField):
    """An opportunity id, accepted only from the initiative in the URL: another
    initiative's is answered as a missing one."""

    def get_queryset(self) -> QuerySet[Opportunity]:
        initiative = self.context.get("initiative")
        return initiative.opportunities.all() if initiative else Opportunity.objects.none()


class InitiativeOrganisationField(serializers.PrimaryKeyRelatedField):
    """The initiative's lead organisation or one of its partners, by id."""

    def get_queryset(self) -> QuerySet[Organisation]:
        initiative = self.context.get("initiative")
        return organisations_of(initiative) if initiative else Organisation.objects.none()


class OpportunitySerializer(serializers.ModelSerializer):
    stage = InitiativeStageField()
    organisation = InitiativeOrganisationField(required=False, allow_null=True)

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "stage",
            "organisation",
            "title",
            "role",
            "description",
            "skills",
            "location",
            "accessibility",
            "safeguarding",
            "is_open",
        ]
        read_only_fields = ["id", "is_open"]


class ShiftSerializer(serializers.ModelSerializer):
    opportunity = InitiativeOpportunityField()
    taken = serializers.IntegerField(read_only=True, default=0)
    waiting = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Shift
        fields = ["id", "opportunity", "starts_at", "ends_at", "capacity", "taken", "waiting"]
        read_only_fields = ["id"]


class SignUpSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.username", read_only=True)

    class Meta:
        model = SignUp
        fields = ["id", "shift", "person", "status", "queued_at"]
        read_only_fields = fields


class HoursSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.username", read_only=True)
    opportunity = InitiativeOpportunityField()
    served = person_field(
        required=False,
        allow_null=True,
        help_text="The member you gave the time to; they may confirm it instead of a coordinator.",
    )

    class Meta:
        model = HoursLog
        fields = [
            "id",
            "opportunity",
            "shift",
            "person",
            "minutes",
            "worked_on",
            "note",
            "served",
            "status",
            "reason",
        ]
        read_only_fields = ["id", "shift", "person", "status", "reason"]


class HoursDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class OpportunityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    serializer_class = OpportunitySerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Opportunity]:
        if getattr(self, "swagger_fake_view", False):
            return Opportunity.objects.none()
        return Opportunity.objects.filter(initiative=self.get_initiative())

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.opportunity_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )


class ShiftViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, InitiativeChildViewSet):
    serializer_class = ShiftSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Shift]:
        if getattr(self, "swagger_fake_view", False):
            return Shift.objects.none()
        return selectors.shifts_with_places(
            Shift.objects.filter(opportunity__initiative=self.get_initiative())
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data: dict[str, Any] = dict(serializer.validated_data)
        serializer.instance = services.shift_add(  # the field took this initiative's only
            actor=self.request.user, opportunity=data.pop("opportunity"), **data
        )

    @extend_schema(request=None, responses={201: SignUpSerializer})
    @action(detail=True, methods=["post"], url_path="sign-up")
    def sign_up(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Take a place, or join the waiting list when the shift is full."""
        shift = gate.get_object(request.user, self.get_queryset(), "volunteering.view", pk=pk)
        sign_up = services.shift_sign_up(actor=request.user, shift=shift)
        return Response(SignUpSerializer(sign_up).data, status=status.HTTP_201_CREATED)


class SignUpViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """Your own sign-ups in the initiative; give one up."""

    serializer_class = SignUpSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[SignUp]:
        if getattr(self, "swagger_fake_view", False):
            return SignUp.objects.none()
        return selectors.sign_ups_of(self.get_initiative(), self.request.user)

    @extend_schema(request=None, responses={200: SignUpSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, initiative_slug: str, pk: str) -> Response:
        sign_up = gate.get_object(request.user, self.get_queryset(), "volunteering.view", pk=pk)
        services.sign_up_withdraw(actor=request.user, sign_up=sign_up)
        sign_up.refresh_from_db()
        return Response(SignUpSerializer(sign_up).data)


class HoursViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, InitiativeChildViewSet):
    """Your hours and those given to you (coordinators: everyone's); log hours; approve or
    turn them down (coordinators, or the person served)."""

    serializer_class = HoursSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[HoursLog]:
        if getattr(self, "swagger_fake_view", False):
            return HoursLog.objects.none()
        initiative = self.get_initiative()
        everyone = gate.allows(self.request.user, "volunteering.manage", initiative)
        return selectors.hours_seen_by(initiative, self.request.user, everyone=everyone)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data: dict[str, Any] = dict(serializer.validated_data)  # this initiative's opportunity
        serializer.instance = services.hours_log(actor=self.request.user, **data)

    @extend_schema(request=HoursDecisionSerializer, responses={200: HoursSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, initiative_slug: str, pk: str) -> Response:
        log = gate.get_object(request.user, self.get_queryset(), "volunteering.view", pk=pk)
        gate.require(request.user, "volunteering.decide_hours", log)
        body = HoursDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        log = services.hours_decide(actor=request.user, log=log, **body.validated_data)
        return Response(HoursSerializer(log).data)
