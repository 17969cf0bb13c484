"""Panels in the REST API, inside an initiative: /api/v1/initiatives/{slug}/…

``panels/`` lists and creates panels; on one panel, ``features/`` its features and quotas
(GET; POST defines one), ``register/`` joins the pool (anyone who sees the panel, with
consent), ``pool/`` lists the pool (coordinators only: personal data) and POST imports a
CSV, ``selection/`` the latest draw's status (GET) or asks for a draw (POST),
``composition/`` the published make-up against quotas and pool, with the chances of
selection, and ``recommendations/`` lists and records them. ``panel-recommendations/{id}/
answer/`` gives the commissioning body's answer. Same services and selectors as the pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core import gate
from coproduce.core.queries import LARGEST_ID
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.organisations.models import Organisation
from coproduce.panels import selectors, services
from coproduce.panels.models import (
    MAX_PANEL_SIZE,
    Algorithm,
    Panel,
    Recommendation,
)
from coproduce.panels.models import Response as Answered


class PanelSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=200)
    remit = serializers.CharField(max_length=4000)
    size = serializers.IntegerField(min_value=1, max_value=MAX_PANEL_SIZE)
    stage = serializers.IntegerField(source="stage_id", min_value=1, max_value=LARGEST_ID)
    commissioner = serializers.IntegerField(
        source="commissioner_id",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LARGEST_ID,
        help_text="The commissioning organisation's id.",
    )
    commissioner_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    commissioned_by = serializers.CharField(read_only=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    answers_due_on = serializers.DateField(required=False, allow_null=True, default=None)
    households = serializers.BooleanField(required=False, default=True)
    consent_text = serializers.CharField(max_length=2000)
    composition_published = serializers.BooleanField(read_only=True)
    answers_overdue = serializers.SerializerMethodField()

    def get_answers_overdue(self, panel: Panel) -> bool:
        return selectors.answers_overdue(panel)


class CategorySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    quota_min = serializers.IntegerField(min_value=0, max_value=MAX_PANEL_SIZE)
    quota_max = serializers.IntegerField(min_value=0, max_value=MAX_PANEL_SIZE)
    source = serializers.CharField(  # type: ignore[assignment]
        max_length=300, required=False, allow_blank=True, default=""
    )


class FeatureSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    categories = CategorySerializer(many=True)


class RegisterSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=300)
    postcode = serializers.CharField(max_length=12)
    features = serializers.DictField(
        child=serializers.CharField(max_length=60), help_text="Feature name → category."
    )
    consent = serializers.BooleanField(help_text="Agreement to the panel's consent text.")


class ImportSerializer(serializers.Serializer):
    csv = serializers.CharField(max_length=2_000_000, help_text="The mailout's CSV text.")
    consent_confirmed = serializers.BooleanField()


class PoolMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    name = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()
    status = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    consent_recorded_at = serializers.DateTimeField(source="consented_at")
    features = serializers.SerializerMethodField()

    def get_features(self, member: Any) -> dict[str, str]:
        return {c.feature.name: c.name for c in member.categories.all()}


class RunSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    algorithm = serializers.ChoiceField(choices=Algorithm.choices, default=Algorithm.MAXIMIN)
    seed = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1, default=None
    )
    status = serializers.CharField(read_only=True)
    message = serializers.CharField(read_only=True)
    replacing = serializers.IntegerField(read_only=True)
    decision = serializers.IntegerField(read_only=True, source="decision_id", allow_null=True)


class CompositionRowSerializer(serializers.Serializer):
    feature = serializers.CharField()
    category = serializers.CharField()
    pool = serializers.IntegerField()
    quota_min = serializers.IntegerField()
    quota_max = serializers.IntegerField()
    source = serializers.CharField()  # type: ignore[assignment]
    selected = serializers.IntegerField()
    chance = serializers.FloatField(allow_null=True)


class CompositionSerializer(serializers.Serializer):
    algorithm = serializers.CharField()
    seed = serializers.IntegerField()
    min_probability = serializers.FloatField()
    rows = CompositionRowSerializer(many=True)


class RecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    panel = serializers.IntegerField(read_only=True, source="panel_id")
    number = serializers.IntegerField(read_only=True)
    text = serializers.CharField(max_length=4000)
    votes_for = serializers.IntegerField(min_value=0, max_value=services.MAX_VOTES)
    votes_against = serializers.IntegerField(min_value=0, max_value=services.MAX_VOTES)
    votes_abstaining = serializers.IntegerField(min_value=0, max_value=services.MAX_VOTES)
    voted_on = serializers.DateField()
    response = serializers.SerializerMethodField()

    def get_response(self, recommendation: Recommendation) -> dict[str, Any] | None:
        found = getattr(recommendation, "answer", None)
        if found is None:
            return None
        return {
            "response": found.response,
            "reasons": found.reasons,
            "answered_on": found.answered_on.isoformat(),
            "decision": found.decision_id,
        }


class PanelAnswerSerializer(serializers.Serializer):
    response = serializers.ChoiceField(choices=Answered.choices)
    reasons = serializers.CharField(max_length=4000)
    answered_on = serializers.DateField()


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    body = serializer_class(data=data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class PanelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeChildViewSet):
    """The initiative's citizens' panels and juries."""

    serializer_class = PanelSerializer
    http_method_names = ["get", "post", "head", "options"]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Panel]:
        if getattr(self, "swagger_fake_view", False):
            return Panel.objects.none()
        return selectors.panels_of(self.get_initiative())

    def get_object(self) -> Panel:
        panel = selectors.panel_in(self.get_initiative(), _id(self.kwargs.get("pk")))
        return gate.found(self.request.user, panel, "panels.view")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Set up a panel (coordinators)."""
        initiative = self.get_initiative()
        gate.require(request.user, "panels.manage", initiative)
        given = _valid(PanelSerializer, request.data)
        stage = initiative.stages.filter(pk=given.pop("stage_id")).first()
        if stage is None:
            raise _invalid("stage", "Choose a stage of this initiative.")
        commissioner_id = given.pop("commissioner_id", None)
        commissioner = None
        if commissioner_id is not None:
            commissioner = Organisation.objects.filter(pk=commissioner_id).first()
            if commissioner is None:
                raise _invalid("commissioner", "There is no organisation with this id.")
        panel = services.panel_create(
            actor=request.user,
            initiative=initiative,
            stage=stage,
            commissioner=commissioner,
            **given,
        )
        return Response(PanelSerializer(panel).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FeatureSerializer, responses={200: FeatureSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def features(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The features and their quotas; POST defines one (coordinators)."""
        panel = self.get_object()
        if request.method == "POST":
            given = _valid(FeatureSerializer, request.data)
            services.feature_define(actor=request.user, panel=panel, **given)
        rows = [
            {"name": f.name, "categories": list(f.categories.all())}
            for f in selectors.features_with_categories(panel)
        ]
        code = status.HTTP_201_CREATED if request.method == "POST" else status.HTTP_200_OK
        return Response(FeatureSerializer(rows, many=True).data, status=code)

    @extend_schema(request=RegisterSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def register(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Join the pool: details, one category of each feature, and consent."""
        panel = self.get_object()
        given = _valid(RegisterSerializer, request.data)
        answers = given.pop("features")
        consent = given.pop("consent")
        services.pool_register(
            actor=request.user, panel=panel, details=given, answers=answers, consent=consent
        )
        return Response({"detail": "You are in the pool."}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ImportSerializer, responses={200: PoolMemberSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def pool(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The pool (coordinators only); POST imports a mailout's CSV."""
        panel = self.get_object()
        gate.require(request.user, "panels.view_pool", panel)
        if request.method == "POST":
            given = _valid(ImportSerializer, request.data)
            added = services.pool_import(
                actor=request.user,
                panel=panel,
                csv_text=given["csv"],
                consent_confirmed=given["consent_confirmed"],
            )
            return Response({"added": added}, status=status.HTTP_201_CREATED)
        members = selectors.pool_rows(panel)
        return Response(PoolMemberSerializer(members, many=True).data)

    @extend_schema(request=RunSerializer, responses={200: RunSerializer, 202: RunSerializer})
    @action(detail=True, methods=["get", "post"])
    def selection(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The latest draw's status (coordinators); POST asks for a draw, run in the
        background: poll this until its status is done or failed."""
        panel = self.get_object()
        gate.require(request.user, "panels.manage", panel)
        if request.method == "POST":
            given = _valid(RunSerializer, request.data)
            queued = services.selection_request(actor=request.user, panel=panel, **given)
            return Response(RunSerializer(queued).data, status=status.HTTP_202_ACCEPTED)
        latest = selectors.latest_run(panel)
        if latest is None:
            raise Http404("No draw yet.")
        return Response(RunSerializer(latest).data)

    @extend_schema(responses={200: CompositionSerializer})
    @action(detail=True, methods=["get"])
    def composition(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The selected panel against its quotas and its pool, with the chances of
        selection: public once published, to coordinators before."""
        panel = self.get_object()
        run = selectors.selected_run(panel)
        if run is None:
            raise Http404("The panel has not been selected yet.")
        if not panel.composition_published and not gate.allows(
            request.user, "panels.manage", panel
        ):
            raise PermissionDenied("The composition is not published yet.")
        rows = [row for _, group in selectors.composition(panel) for row in group]
        data = {
            "algorithm": run.algorithm,
            "seed": run.seed,
            "min_probability": run.min_probability,
            "rows": rows,
        }
        return Response(CompositionSerializer(data).data)

    @extend_schema(request=RecommendationSerializer, responses={200: RecommendationSerializer})
    @action(detail=True, methods=["get", "post"])
    def recommendations(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """What the panel recommended, with its support and the answers; POST records one
        (coordinators)."""
        panel = self.get_object()
        if request.method == "POST":
            gate.require(request.user, "panels.manage", panel)
            given = _valid(RecommendationSerializer, request.data)
            made = services.recommendation_add(actor=request.user, panel=panel, **given)
            return Response(RecommendationSerializer(made).data, status=status.HTTP_201_CREATED)
        return Response(RecommendationSerializer(selectors.recommendations(panel), many=True).data)


class RecommendationViewSet(mixins.RetrieveModelMixin, InitiativeChildViewSet):
    """One recommendation of one of the initiative's panels, and its answer."""

    serializer_class = RecommendationSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Recommendation]:
        if getattr(self, "swagger_fake_view", False):
            return Recommendation.objects.none()
        return Recommendation.objects.filter(panel__initiative=self.get_initiative())

    def get_object(self) -> Recommendation:
        pk = _id(self.kwargs.get("pk"))
        if pk is None:
            raise Http404("Not found.")
        found = (
            Recommendation.objects.filter(panel__initiative=self.get_initiative(), pk=pk)
            .select_related("panel__initiative")
            .first()
        )
        if found is None or not gate.allows(self.request.user, "panels.view", found.panel):
            raise Http404("Not found.")
        return found

    @extend_schema(request=PanelAnswerSerializer, responses={201: RecommendationSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The commissioning body's answer (its representative or a coordinator), once."""
        recommendation = self.get_object()
        gate.require(request.user, "panels.answer", recommendation.panel)
        given = _valid(PanelAnswerSerializer, request.data)
        services.recommendation_answer(actor=request.user, recommendation=recommendation, **given)
        recommendation = self.get_object()
        return Response(
            RecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED
        )


def _id(value: Any) -> int | None:
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= LARGEST_ID else None


def _invalid(field: str, message: str) -> Exception:
    from django.core.exceptions import ValidationError

    return ValidationError({field: message})
