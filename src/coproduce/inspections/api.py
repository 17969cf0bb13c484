"""REST API for inspections and appraisals, inside an initiative: /api/v1/initiatives/{slug}/…

``inspections/`` (visits: those you inspect or answer, all for coordinators, published
reports for anyone who may view the initiative) with their answers, findings,
recommendations, the provider's responses and publication; ``inspection-checklists/``
(questions, an appraisal's answers and results); ``inspectors/`` (coordinators)."""

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import person_field
from coproduce.core import gate
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.inspections import selectors, services
from coproduce.inspections.models import (
    Checklist,
    Finding,
    Inspector,
    ProviderResponse,
    Purpose,
    Question,
    Recommendation,
    Severity,
    Visit,
    VisitStatus,
)

MAX_ID = 2**31 - 1  # the largest id a table here holds


class ChecklistQuestionSerializer(serializers.ModelSerializer):
    field = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["id", "field", "position", "theme", "text", "guidance", "kind", "required"]
        read_only_fields = ["id", "field", "position"]

    def get_field(self, question: Question) -> str:
        return services.question_field(question)


class InspectionChecklistSerializer(serializers.ModelSerializer):
    questions = ChecklistQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Checklist
        fields = [
            "id",
            "title",
            "purpose",
            "description",
            "involves_vulnerable_people",
            "is_open",
            "questions",
        ]
        read_only_fields = ["id", "is_open", "questions"]


class ChecklistAnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The question's id."
    )
    answer = serializers.CharField(
        allow_blank=True,
        max_length=2000,
        help_text="1-5 for a rating, yes or no, a number, or text; blank clears the answer.",
    )


class ChecklistAnswersSerializer(serializers.Serializer):
    answers = serializers.ListField(child=ChecklistAnswerSerializer(), max_length=500)

    def by_field(self) -> dict[str, str]:
        """The answers keyed as the services name each question's field."""
        return {
            f"question_{item['question']}": item["answer"]
            for item in self.validated_data["answers"]
        }


def answers_out(questions: Any, answers: dict[int, Any]) -> dict[str, Any]:
    return {
        "answers": [
            {"question": q.pk, "answer": selectors.shown(q, answers.get(q.pk))} for q in questions
        ]
    }


class InspectorSerializer(serializers.ModelSerializer):
    person = person_field()

    class Meta:
        model = Inspector
        fields = ["id", "person", "training", "trained_on", "is_active"]
        read_only_fields = ["id", "is_active"]


class ProviderResponseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProviderResponse
        fields = ["accepted", "action", "due_on", "reasons", "responded_at"]
        read_only_fields = fields


class InspectionRecommendationSerializer(serializers.ModelSerializer):
    response = ProviderResponseSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Recommendation
        fields = ["id", "text", "response"]
        read_only_fields = ["id", "response"]


class InspectionFindingSerializer(serializers.ModelSerializer):
    severity = serializers.ChoiceField(choices=Severity.choices)

    class Meta:
        model = Finding
        fields = ["id", "text", "severity"]
        read_only_fields = ["id"]


class InspectionVisitSerializer(serializers.ModelSerializer):
    checklist: serializers.PrimaryKeyRelatedField[Checklist] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    provider = serializers.CharField(source="provider.username", read_only=True)
    inspectors = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    findings = InspectionFindingSerializer(many=True, read_only=True)
    recommendations = InspectionRecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "checklist",
            "place",
            "visit_on",
            "provider",
            "follows",
            "status",
            "inspectors",
            "answers",
            "findings",
            "recommendations",
            "published_at",
        ]
        read_only_fields = fields

    def get_inspectors(self, visit: Visit) -> list[str]:
        """Those on the visit, to its team, the provider and coordinators; to anyone else,
        only those who chose to be named."""
        user = self.context["request"].user
        everyone = gate.allows(user, "inspections.view_visit", visit)
        return [m.person.username for m in selectors.team_of(visit) if everyone or m.named]

    def get_answers(self, visit: Visit) -> list[dict[str, Any]]:
        return [
            {"question": question.pk, "answer": answer}
            for _, rows in selectors.visit_answers(visit)
            for question, answer in rows
        ]


class InspectionVisitCreateSerializer(serializers.Serializer):
    checklist = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    place = serializers.CharField(max_length=200)
    visit_on = serializers.DateField()
    provider = person_field(services.NOT_A_PROFESSIONAL)
    inspectors = serializers.ListField(child=person_field(), min_length=1, max_length=20)
    follows = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True
    )


class InspectionSubmitSerializer(serializers.Serializer):
    minutes = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=services.MAX_VISIT_MINUTES),
        help_text='Each inspector\'s time in minutes, by username, e.g. {"jo": 90}.',
    )


class InspectionRespondSerializer(serializers.Serializer):
    recommendation = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    accepted = serializers.BooleanField()
    action = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    due_on = serializers.DateField(required=False, allow_null=True)
    reasons = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class InspectorNamingSerializer(serializers.Serializer):
    named = serializers.BooleanField()


class InspectionActionCheckSerializer(serializers.Serializer):
    response = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    done = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


def _one_of(queryset: QuerySet[Any], pk: Any, field: str, message: str) -> Any:
    found = queryset.filter(pk=pk).first() if isinstance(pk, int) else None
    if found is None:
        raise serializers.ValidationError({field: message})
    return found


class VisitViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """Inspection visits: scheduled by coordinators, completed by their inspectors, answered
    by the named provider, published by a coordinator."""

    serializer_class = InspectionVisitSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Visit]:
        if getattr(self, "swagger_fake_view", False):
            return Visit.objects.none()
        initiative, user = self.get_initiative(), self.request.user
        visits = Visit.objects.filter(initiative=initiative)
        if not gate.allows(user, "inspections.manage", initiative):
            mine = Q(team__person=user.pk) | Q(provider=user.pk) if user.is_authenticated else Q()
            visits = visits.filter(mine | Q(status=VisitStatus.PUBLISHED)).distinct()
        return visits.select_related("provider", "checklist").prefetch_related(
            "findings", "recommendations__response"
        )

    def get_object(self) -> Visit:
        return gate.get_object(
            self.request.user, self.get_queryset(), "inspections.see_visit", pk=self.kwargs["pk"]
        )

    def _visible(self) -> Visit:
        """The visit, to those who work on it (its team, provider and coordinators)."""
        return gate.get_object(
            self.request.user, self.get_queryset(), "inspections.view_visit", pk=self.kwargs["pk"]
        )

    @extend_schema(
        request=InspectionVisitCreateSerializer, responses={201: InspectionVisitSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        initiative = self.get_initiative()
        gate.require(request.user, "inspections.manage", initiative)
        body = InspectionVisitCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        checklist = _one_of(
            selectors.checklists_of(initiative, Purpose.INSPECTION),
            data.pop("checklist"),
            "checklist",
            "Choose an inspection checklist of this initiative.",
        )
        follows_id = data.pop("follows", None)
        follows = None
        if follows_id is not None:
            follows = _one_of(
                Visit.objects.filter(initiative=initiative),
                follows_id,
                "follows",
                "Choose an earlier visit of this initiative.",
            )
        visit = services.visit_schedule(
            actor=request.user,
            initiative=initiative,
            checklist=checklist,
            follows=follows,
            **data,
        )
        return Response(self._out(visit), status=status.HTTP_201_CREATED)

    def _read(self, serializer_class: type[serializers.Serializer]) -> tuple[Visit, Any]:
        """The visit (to its team, provider and coordinators) and the checked body."""
        visit = self._visible()
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return visit, body

    def _out(self, visit: Visit) -> Any:
        return InspectionVisitSerializer(visit, context=self.get_serializer_context()).data

    @extend_schema(request=ChecklistAnswersSerializer, responses={200: InspectionVisitSerializer})
    @action(detail=True, methods=["post"])
    def answers(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Save answers to the draft (an inspector on the visit), any number at a time."""
        visit, body = self._read(ChecklistAnswersSerializer)
        services.visit_save_answers(actor=request.user, visit=visit, answers=body.by_field())
        return Response(self._out(visit))

    @extend_schema(
        request=InspectionFindingSerializer, responses={201: InspectionFindingSerializer}
    )
    @action(detail=True, methods=["post"])
    def findings(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Add a finding with its severity (pictures are added on the visit's page)."""
        visit, body = self._read(InspectionFindingSerializer)
        finding = services.finding_add(actor=request.user, visit=visit, **body.validated_data)
        return Response(InspectionFindingSerializer(finding).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=InspectionRecommendationSerializer,
        responses={201: InspectionRecommendationSerializer},
    )
    @action(detail=True, methods=["post"])
    def recommendations(self, request: Request, initiative_slug: str, pk: str) -> Response:
        visit, body = self._read(InspectionRecommendationSerializer)
        made = services.recommendation_add(
            actor=request.user, visit=visit, text=body.validated_data["text"]
        )
        return Response(
            InspectionRecommendationSerializer(made).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=InspectionSubmitSerializer, responses={200: InspectionVisitSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Submit the visit, with each inspector's time (written to the record)."""
        visit, body = self._read(InspectionSubmitSerializer)
        by_name = body.validated_data["minutes"]
        minutes = {
            member.person_id: by_name.get(member.person.username)
            for member in selectors.team_of(visit)
        }
        visit = services.visit_submit(actor=request.user, visit=visit, minutes=minutes)
        return Response(self._out(visit))

    @extend_schema(
        request=InspectionRespondSerializer, responses={201: InspectionRecommendationSerializer}
    )
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The provider accepts a recommendation (action, due date) or rejects it (reasons)."""
        visit, body = self._read(InspectionRespondSerializer)
        data = dict(body.validated_data)
        recommendation = _one_of(
            visit.recommendations.all(),
            data.pop("recommendation"),
            "recommendation",
            "Choose a recommendation of this visit.",
        )
        services.recommendation_respond(actor=request.user, recommendation=recommendation, **data)
        recommendation.refresh_from_db()
        return Response(
            InspectionRecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=InspectionActionCheckSerializer, responses={200: InspectionActionCheckSerializer}
    )
    @action(detail=True, methods=["post"], url_path="action-checks")
    def action_checks(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """On a follow-up visit: whether an action accepted after the earlier one was done."""
        visit, body = self._read(InspectionActionCheckSerializer)
        data = dict(body.validated_data)
        response = _one_of(
            selectors.open_actions(visit),
            data.pop("response"),
            "response",
            "Choose an action accepted after the earlier visit.",
        )
        services.action_check(actor=request.user, visit=visit, response=response, **data)
        return Response(InspectionActionCheckSerializer({"response": response.pk, **data}).data)

    @extend_schema(request=InspectorNamingSerializer, responses={200: InspectorNamingSerializer})
    @action(detail=True, methods=["post"])
    def naming(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """An inspector chooses whether the published report names them."""
        visit, body = self._read(InspectorNamingSerializer)
        member = services.inspector_naming(actor=request.user, visit=visit, **body.validated_data)
        return Response({"named": member.named})

    @extend_schema(request=None, responses={200: InspectionVisitSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Publish the report (coordinators), once every recommendation is answered."""
        visit = services.visit_publish(actor=request.user, visit=self._visible())
        return Response(self._out(visit))


class AppraisalSummarySerializer(serializers.Serializer):
    question = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField()
    distribution = serializers.DictField(child=serializers.IntegerField())
    mean = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    lowest = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    highest = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    texts = serializers.ListField(child=serializers.CharField())

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(
            {
                "question": instance.question,
                "answered": instance.answered,
                "distribution": dict(instance.distribution),
                "mean": instance.mean,
                "lowest": instance.lowest,
                "highest": instance.highest,
                "texts": instance.texts,
            }
        )
        return data


class AppraisalThemeSerializer(serializers.Serializer):
    theme = serializers.CharField()
    questions = AppraisalSummarySerializer(many=True)


class ChecklistViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """Checklists for inspections and appraisals (active members read them; coordinators
    write them); an appraisal's answers and its results by theme."""

    serializer_class = InspectionChecklistSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Checklist]:
        if getattr(self, "swagger_fake_view", False):
            return Checklist.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "inspections.view_checklist", initiative)
        return selectors.checklists_of(initiative).prefetch_related("questions")

    def get_object(self) -> Checklist:
        return gate.get_object(
            self.request.user,
            self.get_queryset(),
            "inspections.view_checklist",
            pk=self.kwargs["pk"],
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.checklist_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    @extend_schema(
        request=ChecklistQuestionSerializer, responses={201: ChecklistQuestionSerializer}
    )
    @action(detail=True, methods=["post"])
    def questions(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Add a question at the end (coordinators), until anyone answers."""
        body = ChecklistQuestionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question = services.question_add(
            actor=request.user, checklist=self.get_object(), **body.validated_data
        )
        return Response(ChecklistQuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ChecklistAnswersSerializer, responses={200: ChecklistAnswersSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Your answers to an appraisal (active members), changed until it closes."""
        body = ChecklistAnswersSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        checklist = self.get_object()
        sheet = services.appraisal_answer(
            actor=request.user, checklist=checklist, answers=body.by_field()
        )
        return Response(answers_out(selectors.questions_of(checklist), selectors.answers_of(sheet)))

    @extend_schema(request=None, responses={200: AppraisalThemeSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """An appraisal's answers summarised by theme; text answers only for coordinators.
        An inspection checklist has none here (its answers are the visits'): 404."""
        checklist = gate.get_object(
            request.user,
            self.get_queryset().filter(purpose=Purpose.APPRAISAL),
            "inspections.view_checklist",
            pk=pk,
        )
        with_text = gate.allows(request.user, "inspections.read_appraisal_text", checklist)
        themes = selectors.summary(checklist, with_text=with_text)
        return Response(
            AppraisalThemeSerializer(
                [{"theme": theme, "questions": rows} for theme, rows in themes], many=True
            ).data
        )

    @extend_schema(request=None, responses={200: InspectionChecklistSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, initiative_slug: str, pk: str) -> Response:
        checklist = services.checklist_close(actor=request.user, checklist=self.get_object())
        return Response(InspectionChecklistSerializer(checklist).data)


class InspectorViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, InitiativeChildViewSet):
    """Appointed inspectors (coordinators appoint and see them)."""

    serializer_class = InspectorSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Inspector]:
        if getattr(self, "swagger_fake_view", False):
            return Inspector.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "inspections.manage", initiative)
        return Inspector.objects.filter(initiative=initiative).select_related("person")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.inspector_appoint(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )
