"""The self-assessment in the REST API: the figures side by side, and a member's ratings.
Same selector and service as the page."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.core import gate
from coproduce.initiatives.api import initiative_from
from coproduce.selfassessment import selectors, services
from coproduce.selfassessment.statements import HIGHEST, LOWEST


class SideFiguresSerializer(serializers.Serializer):
    answers = serializers.IntegerField(
        allow_null=True,
        help_text="Members of this side who gave a rating; null when fewer than min_answers "
        "members of the side answered (rated or did not know).",
    )
    dont_know = serializers.IntegerField(
        allow_null=True,
        help_text="Members of this side who said don't know; null as answers is.",
    )
    mean = serializers.FloatField(
        allow_null=True, help_text="Mean rating (4 places); null under min_answers ratings."
    )
    distribution = serializers.DictField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text='Ratings given, by rating "1" to "5"; null under min_answers ratings.',
    )


class BySideSerializer(serializers.Serializer):
    citizen = SideFiguresSerializer()
    regular_producer = SideFiguresSerializer()
    political = SideFiguresSerializer()


class StatementFiguresSerializer(serializers.Serializer):
    key = serializers.CharField()
    group = serializers.ChoiceField(choices=["principle", "challenge"])
    title = serializers.CharField()
    by_side = BySideSerializer()
    gap = serializers.FloatField(
        allow_null=True,
        help_text="Citizens' mean less professionals' (4 places); null unless both are shown.",
    )


class SummarySerializer(serializers.Serializer):
    statements = StatementFiguresSerializer(many=True)
    mean_gap = serializers.FloatField(allow_null=True, help_text="Mean size of the gaps.")
    largest_gap = serializers.CharField(allow_null=True, help_text="The statement's key.")
    min_answers = serializers.IntegerField()


class RatingsSerializer(serializers.Serializer):
    ratings = serializers.DictField(
        child=serializers.IntegerField(min_value=LOWEST, max_value=HIGHEST, allow_null=True),
        help_text="By statement key: 1 (strongly disagree) to 5 (strongly agree), or null "
        "for don't know. Statements left out keep their earlier answers.",
    )


class SelfAssessmentView(APIView):
    """The self-assessment of the nef/NESTA principles and the four challenges: anyone who
    may see the initiative reads the figures; its members put their own ratings."""

    @extend_schema(responses={200: SummarySerializer})
    def get(self, request: Request, initiative_slug: str) -> Response:
        """Over every answer, with no period: two periods a day apart would show one
        member's ratings by subtraction."""
        initiative = initiative_from(request, initiative_slug)
        return Response(selectors.self_assessment_summary(initiative))

    @extend_schema(request=RatingsSerializer, responses={200: RatingsSerializer})
    def put(self, request: Request, initiative_slug: str) -> Response:
        initiative = initiative_from(request, initiative_slug)
        gate.require(request.user, "selfassessment.answer", initiative)
        body = request.data
        # the service names whatever is wrong with them, each under its statement's key
        ratings: Any = body.get("ratings") if isinstance(body, dict) else None
        services.self_assessment_answer(actor=request.user, initiative=initiative, ratings=ratings)
        return Response({"ratings": selectors.ratings_of(request.user, initiative)})
