"""REST API for peer support, inside an initiative: /api/v1/initiatives/{slug}/…

``peer-supporters/`` (coordinators), ``support-requests/`` (your own; coordinators: all,
with suggestions and matching), ``peer-matches/`` (the ones you are in) with their sessions,
and ``concerns/`` — each concern seen only by the person who raised it and the professional
named in it."""

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import person_field
from coproduce.core import gate
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.peersupport import selectors, services
from coproduce.peersupport.models import Concern, Match, PeerSupporter, Session, SupportRequest


class SupporterSerializer(serializers.ModelSerializer):
    person = person_field()

    class Meta:
        model = PeerSupporter
        fields = [
            "id",
            "person",
            "supports",
            "languages",
            "areas",
            "availability",
            "training",
            "trained_on",
            "checked_until",
            "is_active",
        ]
        read_only_fields = ["id", "is_active"]


class RequestSerializer(serializers.ModelSerializer):
    requester = serializers.CharField(source="requester.username", read_only=True)

    class Meta:
        model = SupportRequest
        fields = ["id", "requester", "need", "language", "area", "availability", "note", "status"]
        read_only_fields = ["id", "requester", "status"]


class SuggestionSerializer(serializers.Serializer):
    supporter = serializers.IntegerField(source="supporter.pk")
    person = serializers.CharField(source="supporter.person.username")
    score = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())


class MatchChoiceSerializer(serializers.Serializer):
    supporter = serializers.IntegerField()


class SessionSerializer(serializers.ModelSerializer):
    logged_by = serializers.CharField(source="logged_by.username", read_only=True)
    confirmed_by = serializers.CharField(
        source="confirmed_by.username", read_only=True, allow_null=True
    )

    class Meta:
        model = Session
        fields = ["id", "held_on", "minutes", "note", "logged_by", "confirmed_by"]
        read_only_fields = ["id", "logged_by", "confirmed_by"]


class MatchSerializer(serializers.ModelSerializer):
    need = serializers.CharField(source="request.need", read_only=True)
    supporter = serializers.CharField(source="supporter.person.username", read_only=True)
    supported = serializers.CharField(source="request.requester.username", read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta:
        model = Match
        fields = ["id", "need", "supporter", "supported", "explanation", "matched_at", "sessions"]
        read_only_fields = fields


YOUR_MATCH = "Choose one of your matches here."


class YourMatchField(serializers.PrimaryKeyRelatedField):
    """A match the caller is in, in the initiative of the URL. Any other id (no such match,
    another initiative's, someone else's) gets the same answer, so ids cannot be probed."""

    default_error_messages = {"does_not_exist": YOUR_MATCH, "incorrect_type": YOUR_MATCH}

    def get_queryset(self) -> QuerySet[Match]:
        initiative, request = self.context.get("initiative"), self.context.get("request")
        if initiative is None or request is None or not request.user.is_authenticated:
            return Match.objects.none()
        user = request.user
        return Match.objects.filter(request__initiative=initiative).filter(
            Q(supporter__person=user) | Q(request__requester=user)
        )


class ConcernSerializer(serializers.ModelSerializer):
    match = YourMatchField()
    professional = person_field(services.NOT_A_PROFESSIONAL)
    raised_by = serializers.CharField(source="raised_by.username", read_only=True)

    class Meta:
        model = Concern
        fields = [
            "id",
            "match",
            "professional",
            "raised_by",
            "text",
            "raised_at",
            "acknowledged_at",
        ]
        read_only_fields = ["id", "raised_by", "raised_at", "acknowledged_at"]


class SupporterViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, InitiativeChildViewSet):
    """Trained, checked peer supporters (coordinators record and see them)."""

    serializer_class = SupporterSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[PeerSupporter]:
        if getattr(self, "swagger_fake_view", False):
            return PeerSupporter.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "peersupport.manage", initiative)
        return PeerSupporter.objects.filter(initiative=initiative).select_related("person")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.supporter_register(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )


class SupportRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """Ask for support; your requests (coordinators: every request, its suggestions, and
    matching it with a supporter)."""

    serializer_class = RequestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[SupportRequest]:
        if getattr(self, "swagger_fake_view", False):
            return SupportRequest.objects.none()
        initiative = self.get_initiative()
        requests = SupportRequest.objects.filter(initiative=initiative).select_related("requester")
        if gate.allows(self.request.user, "peersupport.manage", initiative):
            return requests
        return requests.filter(requester=self.request.user.pk)

    def get_object(self) -> SupportRequest:
        return gate.get_object(
            self.request.user, self.get_queryset(), "peersupport.view_request", pk=self.kwargs["pk"]
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.support_ask(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    @extend_schema(responses={200: SuggestionSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def suggestions(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Supporters who fit, best first, with the reasons (coordinators)."""
        support_request = self.get_object()
        gate.require(request.user, "peersupport.manage", support_request.initiative)
        found = selectors.suggestions(support_request)
        return Response(SuggestionSerializer(found, many=True).data)

    @extend_schema(request=MatchChoiceSerializer, responses={201: MatchSerializer})
    @action(detail=True, methods=["post"])
    def match(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Match the request with one of the suggested supporters (coordinators)."""
        support_request = self.get_object()
        gate.require(request.user, "peersupport.manage", support_request.initiative)
        body = MatchChoiceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        supporter = PeerSupporter.objects.filter(
            initiative=support_request.initiative, pk=body.validated_data["supporter"]
        ).first()
        if supporter is None:
            raise serializers.ValidationError({"supporter": "No such supporter here."})
        made = services.match_make(actor=request.user, request=support_request, supporter=supporter)
        return Response(MatchSerializer(made).data, status=status.HTTP_201_CREATED)


class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeChildViewSet):
    """The matches you are in (coordinators: all), with their sessions; log a session."""

    serializer_class = MatchSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Match]:
        if getattr(self, "swagger_fake_view", False):
            return Match.objects.none()
        initiative = self.get_initiative()
        matches = Match.objects.filter(request__initiative=initiative)
        if not gate.allows(self.request.user, "peersupport.manage", initiative):
            user = self.request.user
            matches = matches.filter(Q(supporter__person=user) | Q(request__requester=user))
        return (
            matches.select_related("request__requester", "supporter__person")
            .prefetch_related("sessions__logged_by", "sessions__confirmed_by")
            .order_by("-matched_at", "-pk")
        )

    def get_object(self) -> Match:
        return gate.get_object(
            self.request.user, self.get_queryset(), "peersupport.view_match", pk=self.kwargs["pk"]
        )

    @extend_schema(request=SessionSerializer, responses={201: SessionSerializer})
    @action(detail=True, methods=["post"])
    def sessions(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Log a session (the supporter or the person supported); the other confirms it."""
        body = SessionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        session = services.session_log(
            actor=request.user, match=self.get_object(), **body.validated_data
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """Sessions in the matches you are in; the other person confirms each."""

    serializer_class = SessionSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Session]:
        if getattr(self, "swagger_fake_view", False):
            return Session.objects.none()
        user = self.request.user
        return Session.objects.filter(
            Q(match__supporter__person=user) | Q(match__request__requester=user),
            match__request__initiative=self.get_initiative(),
        ).select_related("logged_by", "confirmed_by", "match")

    @extend_schema(request=None, responses={200: SessionSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Confirm a session the other person logged: it becomes time given in the record."""
        session = gate.get_object(
            request.user, self.get_queryset(), "peersupport.view_session", pk=pk
        )
        return Response(
            SessionSerializer(services.session_confirm(actor=request.user, session=session)).data
        )


class ConcernViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """Concerns you raised or that name you; escalate one to a professional."""

    serializer_class = ConcernSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Concern]:
        if getattr(self, "swagger_fake_view", False):
            return Concern.objects.none()
        user = self.request.user
        return Concern.objects.filter(
            Q(raised_by=user) | Q(professional=user),
            match__request__initiative=self.get_initiative(),
        ).select_related("raised_by", "professional")

    def get_object(self) -> Concern:
        return gate.get_object(
            self.request.user, self.get_queryset(), "peersupport.view_concern", pk=self.kwargs["pk"]
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data: dict[str, Any] = dict(serializer.validated_data)
        serializer.instance = services.concern_raise(
            actor=self.request.user, match=data.pop("match"), **data
        )

    @extend_schema(request=None, responses={200: ConcernSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The named professional says they have taken the concern on."""
        concern = services.concern_acknowledge(actor=request.user, concern=self.get_object())
        return Response(ConcernSerializer(concern).data)
