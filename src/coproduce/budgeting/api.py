"""REST API for participatory budgeting: the same services and gate as everything else."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import username_field
from coproduce.budgeting import ballots, selectors, services
from coproduce.budgeting.models import (
    Budget,
    ImplementationUpdate,
    Phase,
    Process,
    Proposal,
)
from coproduce.core import gate
from coproduce.core.api import TextKeyField
from coproduce.initiatives.models import Initiative, Stage
from coproduce.initiatives.selectors import initiatives_visible_to


class BudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Budget
        fields = ["id", "name", "district", "amount"]
        read_only_fields = ["id"]


class PhaseCountSerializer(serializers.Serializer):
    """One phase closed (core.phases.PhaseLog), its counts as fields of their own."""

    phase = serializers.ChoiceField(
        choices=Phase.choices, read_only=True, help_text="The phase closed."
    )
    closed_at = serializers.DateTimeField(read_only=True)
    closed_by = serializers.CharField(source="closed_by.shown_name", read_only=True)
    proposals = serializers.IntegerField(source="counts.proposals", read_only=True)
    feasible = serializers.IntegerField(source="counts.feasible", read_only=True)
    supports = serializers.IntegerField(source="counts.supports", read_only=True)
    comments = serializers.IntegerField(source="counts.comments", read_only=True)
    ballots = serializers.IntegerField(
        source="counts.ballots",
        read_only=True,
        help_text="Ballots that count (one per voter or code).",
    )
    casts = serializers.IntegerField(
        source="counts.casts", read_only=True, help_text="Ballots cast, counting each change."
    )
    paper_ballots = serializers.IntegerField(source="counts.paper_ballots", read_only=True)
    codes_issued = serializers.IntegerField(source="counts.codes_issued", read_only=True)
    codes_used = serializers.IntegerField(source="counts.codes_used", read_only=True)


class ProcessSerializer(serializers.ModelSerializer):
    initiative = TextKeyField(slug_field="slug", queryset=Initiative.objects.all())
    stage = serializers.PrimaryKeyRelatedField(queryset=Stage.objects.all())
    budgets = BudgetSerializer(many=True)
    phase_counts = PhaseCountSerializer(source="phase_log", many=True, read_only=True)

    def get_fields(self) -> dict[str, Any]:
        """An initiative or a stage the caller may not see is answered as a missing one is
        (400, "does not exist"), never with a 403 that says it is there."""
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            visible = initiatives_visible_to(request.user)
            fields["initiative"].queryset = visible  # type: ignore[attr-defined]
            fields["stage"].queryset = Stage.objects.filter(  # type: ignore[attr-defined]
                initiative__in=visible
            )
        return fields

    class Meta:
        model = Process
        fields = [
            "id",
            "initiative",
            "stage",
            "title",
            "description",
            "phase",
            "ballot_type",
            "max_choices",
            "points",
            "rule",
            "currency",
            "min_votes",
            "members_only",
            "residents_of_district_only",
            "minimum_age",
            "codes_required",
            "proposals_open",
            "voting_open",
            "voting_close",
            "budgets",
            "phase_counts",
        ]
        read_only_fields = ["id", "phase", "currency"]


class ProposalSerializer(serializers.ModelSerializer):
    supports = serializers.IntegerField(source="support_count", read_only=True, default=0)
    author = serializers.CharField(source="author.shown_name", read_only=True)
    picture = serializers.SerializerMethodField(help_text="The picture's address, if it has one.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_picture(self, proposal: Proposal) -> str | None:
        return reverse("budgeting:proposal_image", args=[proposal.pk]) if proposal.image else None

    class Meta:
        model = Proposal
        fields = [
            "id",
            "budget",
            "title",
            "description",
            "category",
            "estimated_cost",
            "cost",
            "status",
            "review_reason",
            "author",
            "author_reply",
            "supports",
            "merged_into",
            "picture",
            "image_alt",
        ]
        read_only_fields = [
            "id",
            "cost",
            "status",
            "review_reason",
            "author",
            "author_reply",
            "supports",
            "merged_into",
            "image_alt",
        ]

    def get_fields(self) -> dict[str, Any]:
        """A new proposal goes to one of this process's budgets; any other budget, whether
        missing, in another process or in an initiative the caller may not see, is answered
        alike (400, "does not exist")."""
        fields = super().get_fields()
        process = self.context.get("process")
        if process is not None:
            fields["budget"].queryset = process.budgets.all()  # type: ignore[attr-defined]
        return fields


class PictureSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="JPEG, PNG or WebP, up to 5 MB.")
    image_alt = serializers.CharField(
        max_length=300, help_text="What the picture shows, for people who cannot see it."
    )


class ProposalEditSerializer(ProposalSerializer):
    class Meta(ProposalSerializer.Meta):
        read_only_fields = [*ProposalSerializer.Meta.read_only_fields, "budget"]


class UpdateSerializer(serializers.ModelSerializer):
    posted_by = serializers.CharField(source="posted_by.shown_name", read_only=True)

    class Meta:
        model = ImplementationUpdate
        fields = ["id", "status", "progress", "milestone", "note", "posted_by", "posted_at"]
        read_only_fields = ["id", "posted_by", "posted_at"]


class ReviewSerializer(serializers.Serializer):
    feasible = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000)
    cost = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class CodesSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=10_000)
    district = serializers.CharField(max_length=120, required=False, allow_blank=True)


class VoterDistrictSerializer(serializers.Serializer):
    person = username_field(help_text="The person's username.")
    district = serializers.CharField(max_length=120, help_text="One of the process's districts.")


class ChoiceSerializer(serializers.Serializer):
    proposal = serializers.IntegerField(min_value=1)
    points = serializers.IntegerField(min_value=1, max_value=1_000_000, default=1)


class BallotSerializer(serializers.Serializer):
    choices = ChoiceSerializer(many=True, max_length=500)  # type: ignore[call-arg]
    code = serializers.CharField(max_length=40, required=False, allow_blank=True)


class ResultRowSerializer(serializers.Serializer):
    proposal = serializers.IntegerField()
    title = serializers.CharField()
    cost = serializers.IntegerField()
    votes = serializers.IntegerField(
        allow_null=True, help_text="null where the budget has too few ballots to publish them"
    )
    funded = serializers.BooleanField()
    share_of_budget = serializers.FloatField()
    status = serializers.CharField(allow_null=True)
    progress = serializers.IntegerField(allow_null=True)


class ResultsSerializer(serializers.Serializer):
    budget = serializers.IntegerField()
    amount = serializers.IntegerField()
    ballots = serializers.IntegerField()
    counts_withheld = serializers.BooleanField(
        help_text="fewer than 5 ballots: votes per project and the ballots are not published"
    )
    rule = serializers.CharField(allow_null=True)
    funded = serializers.ListField(child=serializers.IntegerField())
    spent = serializers.IntegerField()
    proposals = ResultRowSerializer(many=True)


def _process(request: Request, pk: Any) -> Process:
    return gate.get_object(
        request.user, Process.objects.select_related("initiative"), "budgeting.view_process", pk=pk
    )


class ProcessViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProcessSerializer

    def get_queryset(self) -> QuerySet[Process]:
        return selectors.processes_visible_to(self.request.user).prefetch_related(
            "budgets", "phase_log__closed_by"
        )

    def get_object(self) -> Process:
        return _process(self.request, self.kwargs["pk"])

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        budgets = [(b["name"], b["amount"], b.get("district", "")) for b in data.pop("budgets")]
        serializer.instance = services.process_create(
            actor=self.request.user, budgets=budgets, **data
        )

    @extend_schema(request=None, responses={200: ProcessSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def advance(self, request: Request, pk: str) -> Response:
        process = services.phase_advance(actor=request.user, process=self.get_object())
        return Response(ProcessSerializer(process).data)

    @extend_schema(request=CodesSerializer, responses={201: None})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def codes(self, request: Request, pk: str) -> Response:
        serializer = CodesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        codes = ballots.voting_codes_issue(
            actor=request.user, process=self.get_object(), **serializer.validated_data
        )
        return Response({"codes": codes}, status=status.HTTP_201_CREATED)

    @extend_schema(request=VoterDistrictSerializer, responses={201: VoterDistrictSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def districts(self, request: Request, pk: str) -> Response:
        """Fix the district a person votes in, from a coordinator's check of their address;
        before voting opens."""
        process = self.get_object()
        serializer = VoterDistrictSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        verified = ballots.voter_district_verify(
            actor=request.user, process=process, voter=data["person"], district=data["district"]
        )
        return Response(
            {"person": data["person"].username, "district": verified.district},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=ProposalSerializer,
        responses={200: ProposalSerializer(many=True), 201: ProposalSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def proposals(self, request: Request, pk: str) -> Response:
        process = self.get_object()
        if request.method == "GET":
            return Response(ProposalSerializer(selectors.proposals_of(process), many=True).data)
        serializer = ProposalSerializer(data=request.data, context={"process": process})
        serializer.is_valid(raise_exception=True)
        proposal = services.proposal_submit(actor=request.user, **serializer.validated_data)
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class ProposalViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    http_method_names = ["get", "patch", "post", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Proposal]:
        visible = selectors.processes_visible_to(self.request.user)
        return Proposal.objects.filter(budget__process__in=visible).select_related("author")

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return ProposalEditSerializer if self.action == "partial_update" else ProposalSerializer

    def get_object(self) -> Proposal:
        return gate.get_object(
            self.request.user, self.get_queryset(), "budgeting.view_process", pk=self.kwargs["pk"]
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.proposal_edit(
            actor=self.request.user, proposal=self.get_object(), **serializer.validated_data
        )

    @extend_schema(
        request={"multipart/form-data": PictureSerializer}, responses={200: ProposalSerializer}
    )
    @action(
        detail=True,
        methods=["post", "delete"],
        permission_classes=[IsAuthenticated],
        parser_classes=[MultiPartParser],
    )
    def picture(self, request: Request, pk: str) -> Response:
        """Set the proposal's picture (POST, multipart) or remove it (DELETE); its author
        only, while proposals are collected."""
        proposal = self.get_object()
        if request.method == "DELETE":
            changes: dict[str, Any] = {"remove_image": True}
        else:
            serializer = PictureSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            changes = dict(serializer.validated_data)
        proposal = services.proposal_edit(actor=request.user, proposal=proposal, **changes)
        return Response(ProposalSerializer(proposal).data)

    @extend_schema(request=None, responses={201: None, 200: None})
    @action(detail=True, methods=["post", "delete"], permission_classes=[IsAuthenticated])
    def support(self, request: Request, pk: str) -> Response:
        """Support the proposal (POST), or withdraw one's support (DELETE)."""
        if request.method == "DELETE":
            services.proposal_support_withdraw(actor=request.user, proposal=self.get_object())
            return Response({"supported": False})
        services.proposal_support(actor=request.user, proposal=self.get_object())
        return Response({"supported": True}, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=UpdateSerializer,
        responses={200: UpdateSerializer(many=True), 201: UpdateSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def updates(self, request: Request, pk: str) -> Response:
        """How a funded project is being delivered (GET), or a new update (POST)."""
        proposal = self.get_object()
        if request.method == "GET":
            return Response(
                UpdateSerializer(proposal.updates.select_related("posted_by"), many=True).data
            )
        # refused before the body is read: a caller without the power learns nothing of it
        gate.require(request.user, "budgeting.review_proposal", proposal)
        serializer = UpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        update = services.implementation_update(
            actor=request.user, proposal=proposal, **serializer.validated_data
        )
        return Response(UpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewSerializer, responses={200: ProposalSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def review(self, request: Request, pk: str) -> Response:
        proposal = self.get_object()
        gate.require(request.user, "budgeting.review_proposal", proposal)  # before the body
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = services.proposal_review(
            actor=request.user, proposal=proposal, **serializer.validated_data
        )
        return Response(ProposalSerializer(proposal).data)


class BudgetViewSet(viewsets.GenericViewSet):
    serializer_class = BudgetSerializer
    queryset = Budget.objects.none()  # the schema's id type; requests read with get_object

    def get_object(self) -> Budget:
        # One budget at a time, so the gate's view check (404 if not visible) is the filter:
        # the voting hot path builds no visibility subquery on every request.
        return gate.found(
            self.request.user,
            selectors.budget_with_process(self.kwargs["pk"]),
            "budgeting.view_process",
        )

    @extend_schema(
        request=BallotSerializer, responses={200: BallotSerializer, 201: BallotSerializer}
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[IsAuthenticated])
    def ballot(self, request: Request, pk: str) -> Response:
        """Your own ballot (GET), or cast one (POST; the last one cast counts)."""
        budget = self.get_object()
        if request.method == "GET":
            ballot = selectors.own_ballot(budget, request.user)
            choices = (
                [{"proposal": c.proposal_id, "points": c.points} for c in ballot.choices.all()]
                if ballot
                else []
            )
            return Response({"choices": choices})
        serializer = BallotSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ballots.ballot_cast(
            actor=request.user,
            budget=budget,
            code=data.get("code") or None,
            choices=[ballots.Choice(c["proposal"], c["points"]) for c in data["choices"]],
        )
        return Response({"choices": data["choices"]}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: ResultsSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def count(self, request: Request, pk: str) -> Response:
        budget = self.get_object()
        services.budget_count(actor=request.user, budget=budget)
        return Response(
            ResultsSerializer(selectors.results(budget)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses={200: ResultsSerializer})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str) -> Response:
        budget = self.get_object()
        gate.require(request.user, "budgeting.view_results", budget)
        return Response(ResultsSerializer(selectors.results(budget)).data)
