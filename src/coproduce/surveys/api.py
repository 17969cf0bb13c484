"""Surveys in the REST API, inside an initiative: /api/v1/initiatives/{slug}/surveys/…

``surveys/`` lists the surveys shown to the caller and creates one (coordinators);
``{id}/`` gives a survey with its questions; ``{id}/questions/`` adds a question to a
draft; ``{id}/status/`` opens or closes it; ``{id}/respond/`` takes the caller's answers
(again, to change them: 200); ``{id}/results/`` gives the results in aggregate (free text
to coordinators only). Same services and selectors as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.budgeting.models import Budget
from coproduce.core import gate
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.surveys import selectors, services
from coproduce.surveys.models import Audience, Purpose, Question, Survey


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = [
            "id",
            "position",
            "section",
            "kind",
            "text",
            "help_text",
            "required",
            "options",
            "most",
            "low",
            "high",
            "characteristic",
            "asset_kind",
            "shown_if",
            "shown_if_option",
        ]
        read_only_fields = ["id", "position"]


class SurveySerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.MEMBERS)

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "introduction",
            "purpose",
            "audience",
            "status",
            "stage",
            "illustrative",
            "questions",
        ]
        read_only_fields = ["id", "status", "stage", "illustrative", "questions"]


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["open", "closed"])


class ResponseSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text='By question: {"q12": "Post office", "q13": ["Shop", "Cafe"], "q14": 4}.',
    )
    consent = serializers.BooleanField(default=False, help_text="To equality answers.")
    code = serializers.CharField(required=False, max_length=40, help_text="A one-time code.")


class AdoptSerializer(serializers.Serializer):
    question = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    options = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        default=list,
        help_text="Options to make goals of the initiative.",
    )
    budget = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        help_text="A PB budget of the initiative: make the options (in costs) proposals.",
    )
    costs = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        default=dict,
        help_text="With budget: each option's estimated cost in pence.",
    )


def _result(result: selectors.QuestionResult) -> dict[str, Any]:
    row: dict[str, Any] = {
        "question": result.question.pk,
        "kind": result.question.kind,
        "text": result.question.text,
        "respondents": result.respondents,
    }
    if result.options:
        row["options"] = [
            {"label": o.label, "count": o.count, "percent": o.percent} for o in result.options
        ]
    if result.distribution:
        row["distribution"] = {str(n): c for n, c in result.distribution}
    if result.question.kind in ("rating", "number"):
        row.update(mean=result.mean, lowest=result.lowest, highest=result.highest)
    if result.ranking:
        row["ranking"] = {
            method: {"order": r.order, "scores": r.scores, "pairwise": r.pairwise}
            for method, r in result.ranking.items()
        }
    if result.ranking_error:
        row["ranking_error"] = result.ranking_error
    if result.texts:
        row["texts"] = result.texts
    return row


class SurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeChildViewSet):
    serializer_class = SurveySerializer
    http_method_names = ["get", "post", "head", "options"]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Survey]:
        if getattr(self, "swagger_fake_view", False):
            return Survey.objects.none()
        initiative = self.get_initiative()
        drafts = gate.allows(self.request.user, "surveys.create_survey", initiative)
        found = selectors.surveys_shown(initiative, drafts=drafts, counted=False)
        return found.prefetch_related("questions")

    def _survey(self, perm: str = "surveys.view_survey") -> Survey:
        found = selectors.survey_in(self.get_initiative(), self.kwargs["pk"])
        return gate.found(self.request.user, found, perm)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a survey (a draft), in the initiative's co-planning stage."""
        body = SurveySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        survey = services.survey_create(
            actor=request.user, initiative=self.get_initiative(), **body.validated_data
        )
        return Response(SurveySerializer(survey).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=QuestionSerializer, responses={201: QuestionSerializer})
    @action(detail=True, methods=["post"])
    def questions(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Add a question at the end of a draft survey."""
        survey = self._survey()
        body = QuestionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question = services.question_add(actor=request.user, survey=survey, **body.validated_data)
        return Response(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusSerializer, responses={200: SurveySerializer})
    @action(detail=True, methods=["post"])
    def status(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Open a draft, or close an open survey."""
        survey = self._survey()
        body = StatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        survey = services.survey_set_status(
            actor=request.user, survey=survey, status=body.validated_data["status"]
        )
        return Response(SurveySerializer(survey).data)

    @extend_schema(request=ResponseSerializer, responses={200: None, 201: None})
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Answer the survey, or change your answers while it is open."""
        survey = self._survey()
        body = ResponseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        browser = None
        if not request.user.is_authenticated:  # one response a browser: its session's key
            if not request.session.session_key:
                request.session.save()
            browser = request.session.session_key
        response = services.response_submit(
            actor=request.user,
            survey=survey,
            answers=given["answers"],
            consent=given["consent"],
            code=given.get("code"),
            browser=browser,
        )
        created = response.submitted_at == response.updated_at
        return Response(
            {"response": "saved", "answers": selectors.given_answers(response)},
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=AdoptSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def adopt(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Make options of a needs survey's question goals, or (with budget and costs)
        proposals of a PB budget; each adoption is a decision in the record."""
        survey = self._survey()
        body = AdoptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        question = survey.questions.filter(pk=given["question"]).first()
        if question is None:
            raise ValidationError({"question": "Not a question of this survey."})
        if "budget" not in given:
            goals = services.survey_adopt_goals(
                actor=request.user, survey=survey, question=question, options=given["options"]
            )
            made = [{"goal": g.pk, "text": g.text} for g in goals]
        else:
            budget = Budget.objects.filter(
                pk=given["budget"], process__initiative=survey.initiative
            ).first()
            if budget is None:
                raise ValidationError({"budget": "Not a PB budget of this initiative."})
            proposals = services.survey_adopt_proposals(
                actor=request.user,
                survey=survey,
                question=question,
                budget=budget,
                costs=given["costs"],
            )
            made = [{"proposal": p.pk, "title": p.title} for p in proposals]
        return Response({"adopted": made}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def results(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """The results in aggregate: counts and percentages, ratings' distributions and
        means (from 5 answers), rankings by Borda and Schulze with the pairwise table."""
        survey = self._survey()
        with_text = gate.allows(request.user, "surveys.read_answers", survey)
        found = selectors.results(survey, with_text=with_text)
        return Response(
            {
                "survey": survey.pk,
                "responses": survey.responses.count(),
                "questions": [_result(r) for r in found],
            }
        )
