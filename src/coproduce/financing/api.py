"""REST API for co-financing, inside an initiative: /api/v1/initiatives/{slug}/…

``campaigns/`` with their progress, ``campaigns/{id}/pledges/`` (pledge; a coordinator may
name an organisation and its side) and ``campaigns/{id}/match-rules/``; ``pledges/`` (a
coordinator's all, anyone else's own) with ``honour`` and ``withdraw``; ``share-offers/``
with public totals, ``applications`` and ``withdrawals``, and ``holders`` for coordinators
only; ``grants/`` with ``received``. Amounts are integers in pence, time in minutes."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core import gate
from coproduce.core.vocabulary import Side
from coproduce.financing import selectors, services
from coproduce.financing.models import (
    Campaign,
    Grant,
    MatchCounts,
    MatchRule,
    Pledge,
    PledgeKind,
    ShareOffer,
)
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.organisations.models import Organisation


def whole() -> serializers.IntegerField:
    """A whole number in 64 bits; the service names the range the field really takes."""
    return serializers.IntegerField(min_value=-(2**62), max_value=2**62)


class CampaignProgressSerializer(serializers.Serializer):
    target = serializers.IntegerField()
    honoured = serializers.IntegerField()
    pledged = serializers.IntegerField()
    matched = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    time_minutes = serializers.IntegerField()
    goods_pence = serializers.IntegerField()
    goods_count = serializers.IntegerField()


class CampaignSerializer(serializers.ModelSerializer):
    target = whole()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = ["id", "title", "purpose", "target", "deadline", "progress"]
        read_only_fields = ["id", "progress"]

    @extend_schema_field(CampaignProgressSerializer)
    def get_progress(self, campaign: Campaign) -> dict[str, Any]:
        return dict(CampaignProgressSerializer(selectors.progress(campaign)).data)


class PledgeSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=PledgeKind.choices)
    quantity = whole()
    unit = serializers.CharField(required=False, allow_blank=True, max_length=10)
    description = serializers.CharField(required=False, allow_blank=True, max_length=300)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    side = serializers.ChoiceField(choices=Side.choices, required=False)
    pledger = serializers.CharField(source="pledger.username", read_only=True, default=None)

    class Meta:
        model = Pledge
        fields = [
            "id",
            "campaign",
            "pledger",
            "organisation",
            "side",
            "kind",
            "quantity",
            "unit",
            "description",
            "status",
            "settled_on",
        ]
        read_only_fields = ["id", "campaign", "pledger", "status", "settled_on"]


class MatchRuleSerializer(serializers.ModelSerializer):
    funder = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    funder_side = serializers.ChoiceField(choices=Side.choices)
    numerator = whole()
    denominator = whole()
    cap = whole()
    counts = serializers.ChoiceField(choices=MatchCounts.choices)

    class Meta:
        model = MatchRule
        fields = [
            "id",
            "funder",
            "funder_side",
            "numerator",
            "denominator",
            "cap",
            "counts",
            "eligible",
            "matched",
        ]
        read_only_fields = ["id", "eligible", "matched"]


class ShareOfferSerializer(serializers.ModelSerializer):
    share_price = whole()
    min_shares = whole()
    max_shares = whole()
    target = whole()
    capital = serializers.SerializerMethodField()
    holders = serializers.SerializerMethodField(help_text="The voting register: one vote each.")

    class Meta:
        model = ShareOffer
        fields = [
            "id",
            "title",
            "share_price",
            "min_shares",
            "max_shares",
            "opens_on",
            "closes_on",
            "target",
            "capital",
            "holders",
        ]
        read_only_fields = ["id", "capital", "holders"]

    def get_capital(self, offer: ShareOffer) -> int:
        return selectors.offer_totals(offer).capital

    def get_holders(self, offer: ShareOffer) -> int:
        return selectors.offer_totals(offer).holders


class SharesSerializer(serializers.Serializer):
    shares = whole()


class HoldingSerializer(serializers.Serializer):
    holder = serializers.CharField(source="holder.username")
    shares = serializers.IntegerField()
    amount = serializers.IntegerField()


class ReportSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    submitted_on = serializers.DateField(allow_null=True)
    status = serializers.SerializerMethodField()

    def get_status(self, report: Any) -> str:
        return selectors.report_status(report)


class GrantSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    side = serializers.ChoiceField(choices=Side.choices)
    amount = whole()
    reporting_dates = serializers.ListField(
        child=serializers.DateField(), write_only=True, required=False, max_length=100
    )
    reports = ReportSerializer(many=True, read_only=True)

    class Meta:
        model = Grant
        fields = [
            "id",
            "organisation",
            "side",
            "amount",
            "conditions",
            "reporting_dates",
            "reports",
            "status",
            "received_on",
        ]
        read_only_fields = ["id", "reports", "status", "received_on"]


class DaySerializer(serializers.Serializer):
    received_on = serializers.DateField()


class _Child(InitiativeChildViewSet):
    permission_classes = [AllowAny]
    http_method_names = ["get", "post", "head", "options"]

    def get_object(self) -> Any:
        return gate.get_object(
            self.request.user, self.get_queryset(), "financing.view", pk=self.kwargs["pk"]
        )


class CampaignViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _Child
):
    """An initiative's campaigns with their progress (coordinators open them)."""

    serializer_class = CampaignSerializer

    def get_queryset(self) -> QuerySet[Campaign]:
        if getattr(self, "swagger_fake_view", False):
            return Campaign.objects.none()
        return selectors.campaigns_of(self.get_initiative())

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.campaign_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    @extend_schema(methods=["get"], request=None, responses={200: PledgeSerializer(many=True)})
    @extend_schema(methods=["post"], request=PledgeSerializer, responses={201: PledgeSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=PledgeSerializer)
    def pledges(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The campaign's pledges (a coordinator's all, anyone else's own); pledge to it."""
        campaign = self.get_object()
        if request.method == "GET":
            found = _visible_pledges(request, selectors.pledges_of(campaign))
            page = self.paginate_queryset(found)
            return self.get_paginated_response(PledgeSerializer(page, many=True).data)
        gate.require(request.user, "financing.pledge", campaign)
        body = PledgeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        pledge = services.pledge_make(actor=request.user, campaign=campaign, **body.validated_data)
        return Response(PledgeSerializer(pledge).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], request=None, responses={200: MatchRuleSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=MatchRuleSerializer, responses={201: MatchRuleSerializer}
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="match-rules",
        serializer_class=MatchRuleSerializer,
    )
    def match_rules(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The campaign's match-funding rules; coordinators add them."""
        campaign = self.get_object()
        if request.method == "GET":
            rules = MatchRuleSerializer(selectors.rules_of(campaign), many=True)
            return Response(rules.data)
        gate.require(request.user, "financing.manage", campaign)
        body = MatchRuleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rule = services.match_rule_create(
            actor=request.user, campaign=campaign, **body.validated_data
        )
        return Response(MatchRuleSerializer(rule).data, status=status.HTTP_201_CREATED)


def _visible_pledges(request: Request, pledges: QuerySet[Pledge]) -> QuerySet[Pledge]:
    """Every pledge for a coordinator; one's own for anyone else."""
    first = pledges.first()
    if first is not None and gate.allows(request.user, "financing.honour", first):
        return pledges
    return (
        pledges.filter(pledger=request.user.pk) if request.user.is_authenticated else pledges.none()
    )


class PledgeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Child):
    """Pledges in the initiative (a coordinator's all, anyone else's own): honoured by a
    coordinator, withdrawn by the member who made it."""

    serializer_class = PledgeSerializer

    def get_queryset(self) -> QuerySet[Pledge]:
        if getattr(self, "swagger_fake_view", False):
            return Pledge.objects.none()
        pledges = Pledge.objects.filter(campaign__initiative=self.get_initiative())
        if gate.allows(self.request.user, "financing.honour", self.get_initiative()):
            return pledges.select_related("pledger")
        if not self.request.user.is_authenticated:
            return pledges.none()
        return pledges.filter(pledger=self.request.user).select_related("pledger")

    @extend_schema(request=None, responses={200: PledgeSerializer})
    @action(detail=True, methods=["post"])
    def honour(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """A coordinator marks the pledge received: it goes into the record."""
        pledge = services.pledge_honour(actor=request.user, pledge=self.get_object())
        return Response(PledgeSerializer(pledge).data)

    @extend_schema(request=None, responses={200: PledgeSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The pledger (or a coordinator) withdraws a pledge not yet honoured."""
        pledge = services.pledge_withdraw(actor=request.user, pledge=self.get_object())
        return Response(PledgeSerializer(pledge).data)


class ShareOfferViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _Child
):
    """Community share offers with their public totals (capital, number of holders)."""

    serializer_class = ShareOfferSerializer

    def get_queryset(self) -> QuerySet[ShareOffer]:
        if getattr(self, "swagger_fake_view", False):
            return ShareOffer.objects.none()
        return selectors.offers_of(self.get_initiative())

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.share_offer_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    @extend_schema(request=SharesSerializer, responses={201: SharesSerializer})
    @action(detail=True, methods=["post"], serializer_class=SharesSerializer)
    def applications(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """A member applies for shares."""
        offer = self.get_object()
        gate.require(request.user, "financing.buy_shares", offer)
        body = SharesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        line = services.shares_buy(actor=request.user, offer=offer, **body.validated_data)
        return Response({"shares": line.shares}, status=status.HTTP_201_CREATED)

    @extend_schema(request=SharesSerializer, responses={201: SharesSerializer})
    @action(detail=True, methods=["post"], serializer_class=SharesSerializer)
    def withdrawals(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """A holder withdraws some or all of their shares (a reversing line)."""
        offer = self.get_object()
        body = SharesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        line = services.shares_withdraw(actor=request.user, offer=offer, **body.validated_data)
        return Response({"shares": line.shares}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: HoldingSerializer(many=True)})
    @action(detail=True, methods=["get"], serializer_class=HoldingSerializer)
    def holders(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The register of holders: coordinators only."""
        offer = self.get_object()
        gate.require(request.user, "financing.view_holders", offer)
        return Response(HoldingSerializer(selectors.register(offer), many=True).data)


class GrantViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _Child
):
    """Grants from organisations, their conditions and reports (coordinators record them)."""

    serializer_class = GrantSerializer

    def get_queryset(self) -> QuerySet[Grant]:
        if getattr(self, "swagger_fake_view", False):
            return Grant.objects.none()
        return selectors.grants_of(self.get_initiative())

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.grant_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    @extend_schema(request=DaySerializer, responses={200: GrantSerializer})
    @action(detail=True, methods=["post"], serializer_class=DaySerializer)
    def received(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """A coordinator records the grant's money as received: it goes into the record."""
        grant = self.get_object()
        gate.require(request.user, "financing.manage", grant)
        body = DaySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        grant = services.grant_receive(actor=request.user, grant=grant, **body.validated_data)
        return Response(GrantSerializer(grant).data)
