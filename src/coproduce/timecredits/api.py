"""REST API for time credits, inside an initiative: /api/v1/initiatives/{slug}/credits/…

Every write needs an ``Idempotency-Key`` header: a retried request with the same key gets
the transfer it already made (200, ``Idempotent-Replayed: true``) and moves nothing again.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import NO_SUCH_MEMBER, person_field
from coproduce.core import gate
from coproduce.core.api import FieldsBuiltOnce, well_formed_idempotency_key
from coproduce.initiatives.api import InitiativeChildViewSet, member_field
from coproduce.timecredits import selectors, services
from coproduce.timecredits.models import Account, CreditPolicy, Transfer

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="A new random value (such as a UUID) for each transfer; send the same one "
    "again to retry it safely.",
)


class AccountSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    """A time-credit account: its balance and limits, in minutes."""

    owner = serializers.CharField(source="owner_name", read_only=True)

    class Meta:
        model = Account
        fields = ["id", "kind", "owner", "balance", "floor", "ceiling"]
        read_only_fields = fields


class PolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditPolicy
        fields = ["minutes_per_hour", "floor", "ceiling"]


class TransferSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    """One movement of credit: from the debited account's owner to the credited one's."""

    debit = serializers.CharField(source="debit.owner_name", read_only=True)
    credit = serializers.CharField(source="credit.owner_name", read_only=True)

    class Meta:
        model = Transfer
        fields = [
            "id",
            "kind",
            "debit",
            "credit",
            "minutes",
            "description",
            "created_at",
            "reverses",
            "reason",
        ]
        read_only_fields = fields


class GiftSerializer(FieldsBuiltOnce, serializers.Serializer):
    to = member_field(error_messages={"does_not_exist": NO_SUCH_MEMBER})
    minutes = serializers.IntegerField(min_value=1, max_value=services.MAX_MINUTES)
    message = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class EarnSerializer(serializers.Serializer):
    person = person_field()
    minutes_given = serializers.IntegerField(min_value=1, max_value=services.MAX_MINUTES)
    description = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True
    )


class CorrectionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


def idempotency_key(request: Request) -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not well_formed_idempotency_key(key):
        raise serializers.ValidationError(
            {
                "Idempotency-Key": "Send an Idempotency-Key header (1 to 100 printable ASCII "
                "characters, such as a UUID), new for "
                "each transfer and the same when retrying it."
            }
        )
    return key


def replayable(data: Any, made: bool) -> Response:
    """201 for a write made now; 200 with ``Idempotent-Replayed`` for a retried one."""
    response = Response(data, status=status.HTTP_201_CREATED if made else status.HTTP_200_OK)
    if not made:
        response["Idempotent-Replayed"] = "true"
    return response


def _transferred(result: tuple[Transfer, bool]) -> Response:
    transfer, made = result
    return replayable(TransferSerializer(transfer).data, made)


class CreditViewSet(InitiativeChildViewSet):
    """Your own time-credit account in the initiative, and moving credit."""

    permission_classes = [IsAuthenticated]
    serializer_class = AccountSerializer
    pagination_class = None
    queryset = Account.objects.none()  # for the schema; every action reads the caller's own

    def get_object(self) -> Account:
        """No action here takes an id (each works on the caller's own account); DRF's OPTIONS
        answer asks for an object for PUT, and is told there is none."""
        raise Http404("No object here.")

    @extend_schema(responses={200: AccountSerializer})
    def list(self, request: Request, initiative_slug: str) -> Response:
        """Your account: balance and limits, in minutes (opened on first use)."""
        account = services.own_account(actor=request.user, initiative=self.get_initiative())
        return Response(AccountSerializer(account).data)

    @extend_schema(responses={200: TransferSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def statement(self, request: Request, initiative_slug: str) -> Response:
        """Your transfers, newest first (the latest 200)."""
        account = services.own_account(actor=request.user, initiative=self.get_initiative())
        return Response(TransferSerializer(selectors.statement(account)[:200], many=True).data)

    @extend_schema(
        request=GiftSerializer,
        responses={201: TransferSerializer, 200: TransferSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=False, methods=["post"])
    def gift(self, request: Request, initiative_slug: str) -> Response:
        """Give some of your credit to another member."""
        key = idempotency_key(request)
        initiative = self.get_initiative()
        serializer = GiftSerializer(data=request.data, context={"initiative": initiative})
        serializer.is_valid(raise_exception=True)
        return _transferred(
            services.credits_gift(
                actor=request.user, initiative=initiative, key=key, **serializer.validated_data
            )
        )

    @extend_schema(
        request=EarnSerializer,
        responses={201: TransferSerializer, 200: TransferSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=False, methods=["post"])
    def earn(self, request: Request, initiative_slug: str) -> Response:
        """Credit a member for time given, at the initiative's rate (coordinators)."""
        key = idempotency_key(request)
        serializer = EarnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _transferred(
            services.credits_earn(
                actor=request.user,
                initiative=self.get_initiative(),
                key=key,
                **serializer.validated_data,
            )
        )

    @extend_schema(request=PolicySerializer, responses={200: PolicySerializer})
    @action(detail=False, methods=["get", "put"])
    def policy(self, request: Request, initiative_slug: str) -> Response:
        """The earning rate and people's limits (GET); coordinators change them (PUT)."""
        initiative = self.get_initiative()
        gate.require(request.user, "timecredits.view_credits", initiative)
        if request.method == "GET":
            return Response(PolicySerializer(services.policy_of(initiative)).data)
        serializer = PolicySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        policy = services.policy_set(
            actor=request.user,
            initiative=initiative,
            minutes_per_hour=data.get("minutes_per_hour", 60),
            floor=data.get("floor", 0),
            ceiling=data.get("ceiling"),
        )
        return Response(PolicySerializer(policy).data)


class TransferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeChildViewSet):
    """The initiative's whole ledger (coordinators), and corrections."""

    permission_classes = [IsAuthenticated]
    serializer_class = TransferSerializer

    def get_queryset(self) -> QuerySet[Transfer]:
        if getattr(self, "swagger_fake_view", False):
            return Transfer.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "timecredits.view_ledger", initiative)
        return selectors.ledger_of(initiative)

    @extend_schema(
        request=CorrectionSerializer,
        responses={201: TransferSerializer, 200: TransferSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=True, methods=["post"])
    def reverse(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Correct a transfer: its minutes move back, with the reason."""
        key = idempotency_key(request)
        serializer = CorrectionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _transferred(
            services.transfer_reverse(
                actor=request.user, transfer=self.get_object(), key=key, **serializer.validated_data
            )
        )
