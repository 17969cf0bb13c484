"""REST API for exchanges of services: /api/v1/initiatives/{slug}/listings/ and exchanges/.

Confirming an exchange pays credit, so it needs an ``Idempotency-Key`` header like every
time-credit write."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core import gate
from coproduce.exchanges import selectors, services
from coproduce.exchanges.models import Exchange, Listing
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.timecredits.api import IDEMPOTENCY_KEY, idempotency_key, replayable


class ListingSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.username", read_only=True)
    minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=services.MAX_MINUTES
    )

    class Meta:
        model = Listing
        fields = ["id", "kind", "title", "description", "minutes", "person", "is_open"]
        read_only_fields = ["id", "person", "is_open"]


class ExchangeSerializer(serializers.ModelSerializer):
    listing_title = serializers.CharField(source="listing.title", read_only=True)
    provider = serializers.CharField(source="provider.username", read_only=True)
    receiver = serializers.CharField(source="receiver.username", read_only=True)

    class Meta:
        model = Exchange
        fields = [
            "id",
            "listing",
            "listing_title",
            "provider",
            "receiver",
            "minutes",
            "note",
            "status",
            "done_on",
            "transfer",
        ]
        read_only_fields = fields


class ProposeSerializer(serializers.Serializer):
    minutes = serializers.IntegerField(min_value=1, max_value=services.MAX_MINUTES)
    note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class AnswerSerializer(serializers.Serializer):
    agree = serializers.BooleanField()


class ConfirmSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    minutes = serializers.IntegerField(required=False, min_value=1, max_value=services.MAX_MINUTES)


class ListingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """Open offers and needs in the initiative (members); post one; take one up; close yours."""

    serializer_class = ListingSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Listing]:
        if getattr(self, "swagger_fake_view", False):
            return Listing.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "exchanges.take_part", initiative)
        return selectors.open_listings(initiative)

    def get_object(self) -> Listing:
        listings = self.get_queryset()
        return gate.get_object(self.request.user, listings, "exchanges.view", pk=self.kwargs["pk"])

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data: dict[str, Any] = dict(serializer.validated_data)
        serializer.instance = services.listing_add(
            actor=self.request.user, initiative=self.get_initiative(), **data
        )

    @extend_schema(request=ProposeSerializer, responses={201: ExchangeSerializer})
    @action(detail=True, methods=["post"], url_path="take-up")
    def take_up(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Ask for what is offered, or offer what is needed; the author then answers."""
        body = ProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        exchange = services.exchange_propose(
            actor=request.user, listing=self.get_object(), **body.validated_data
        )
        return Response(ExchangeSerializer(exchange).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ListingSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, initiative_slug: str, pk: str) -> Response:
        listing = services.listing_close(actor=request.user, listing=self.get_object())
        return Response(ListingSerializer(listing).data)


class ExchangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeChildViewSet):
    """The exchanges you give or receive (coordinators: all), and what each side does next."""

    serializer_class = ExchangeSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Exchange]:
        if getattr(self, "swagger_fake_view", False):
            return Exchange.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "exchanges.view", initiative)
        everyone = gate.allows(self.request.user, "exchanges.manage", initiative)
        return selectors.exchanges_seen_by(initiative, self.request.user, everyone=everyone)

    def get_object(self) -> Exchange:
        return gate.get_object(
            self.request.user, self.get_queryset(), "exchanges.view_exchange", pk=self.kwargs["pk"]
        )

    @extend_schema(request=AnswerSerializer, responses={200: ExchangeSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The listing's author agrees or declines."""
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        exchange = services.exchange_answer(
            actor=request.user, exchange=self.get_object(), **body.validated_data
        )
        return Response(ExchangeSerializer(exchange).data)

    @extend_schema(
        request=ConfirmSerializer,
        responses={201: ExchangeSerializer, 200: ExchangeSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The receiver confirms it was done and pays the provider in credit."""
        key = idempotency_key(request)
        body = ConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        exchange, made = services.exchange_confirm(
            actor=request.user, exchange=self.get_object(), key=key, **body.validated_data
        )
        return replayable(ExchangeSerializer(exchange).data, made)

    @extend_schema(request=None, responses={200: ExchangeSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, initiative_slug: str, pk: str) -> Response:
        exchange = services.exchange_cancel(actor=request.user, exchange=self.get_object())
        return Response(ExchangeSerializer(exchange).data)
