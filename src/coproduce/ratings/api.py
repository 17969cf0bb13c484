"""Ratings in the REST API, inside an initiative: /api/v1/initiatives/{slug}/…

``ratings/`` lists the ratings shown to the caller (filtered by ``kind`` and ``thing``) and
takes the caller's rating of a thing (a second one changes the first); ``ratings/summaries/``
gives each thing's count, distribution and (from five ratings) mean. ``feedback/`` is the
"you said, we did" list, and coordinators answer a comment there. Same selectors and
services as the pages; an anonymous rater's ``rater`` is null to everyone but them."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.core import gate
from coproduce.core.queries import LARGEST_ID
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.ratings import selectors, services, things
from coproduce.ratings.models import HIGHEST, LOWEST, Rating, ThingKind
from coproduce.ratings.things import Thing

NO_SUCH_THING = "There is nothing of this kind with this id to rate here."
NOT_A_KIND = f"Give one of: {', '.join(ThingKind.values)}."
NOT_AN_ID = "Give a whole number id."
NO_SUCH_RATING = "There is no rating with this id in this initiative."

FILTERS = [
    OpenApiParameter("kind", str, enum=ThingKind.values, description="What kind of thing."),
    OpenApiParameter("thing", int, description="The thing's id (with kind)."),
]


class DayField(serializers.DateField):
    """A moment as its day (local time): no more precise time of a rating is shown."""

    def to_representation(self, value: Any) -> Any:
        return super().to_representation(timezone.localdate(value))


class RatingSummarySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ThingKind.choices)
    thing = serializers.IntegerField()
    title = serializers.CharField()
    count = serializers.IntegerField()
    distribution = serializers.DictField(
        child=serializers.IntegerField(), help_text='Ratings given, by stars "1" to "5".'
    )
    mean = serializers.FloatField(
        allow_null=True, help_text="Mean stars (2 places); null under min_for_mean ratings."
    )
    min_for_mean = serializers.IntegerField()


class RatingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=ThingKind.choices)
    thing = serializers.IntegerField(
        source="thing_id", min_value=1, max_value=LARGEST_ID, help_text="The thing's id."
    )
    stars = serializers.IntegerField(min_value=LOWEST, max_value=HIGHEST)
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=services.COMMENT_MAX, default=""
    )
    anonymous = serializers.BooleanField(
        required=False, default=False, help_text="Show the rater to no one but themself."
    )
    rater = serializers.CharField(
        read_only=True, allow_null=True, help_text="Username; null if anonymous (but to them)."
    )
    mine = serializers.BooleanField(read_only=True)
    updated_on = DayField(read_only=True, source="updated_at")
    answer = serializers.CharField(
        read_only=True, allow_null=True, source="answer_text", help_text="The coordinators'."
    )


class FeedbackSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    rating = serializers.IntegerField(write_only=True, min_value=1, max_value=LARGEST_ID)
    kind = serializers.ChoiceField(choices=ThingKind.choices, read_only=True)
    thing = serializers.IntegerField(read_only=True, source="thing_id")
    thing_title = serializers.CharField(read_only=True)
    said = serializers.CharField(read_only=True, help_text="The comment, as answered.")
    text = serializers.CharField(max_length=services.ANSWER_MAX, help_text="What was done.")
    decision = serializers.IntegerField(
        source="decision_id",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LARGEST_ID,
        help_text="A standing decision of this initiative's record that it led to.",
    )
    decision_title = serializers.CharField(
        read_only=True, allow_null=True, source="decision__title"
    )
    answered_on = DayField(read_only=True, source="answered_at")


def _filters(request: Request) -> tuple[str | None, int | None]:
    kind, thing = request.query_params.get("kind"), request.query_params.get("thing")
    if kind is not None and kind not in ThingKind.values:
        raise ValidationError({"kind": NOT_A_KIND})
    if thing is None:
        return kind, None
    if not thing.isascii() or not thing.isdigit() or not 0 < int(thing) <= LARGEST_ID:
        raise ValidationError({"thing": NOT_AN_ID})
    if kind is None:
        raise ValidationError({"kind": "Say what kind of thing the id is."})
    return kind, int(thing)


def _public(kind: str | None) -> None:
    """Without a thing, only the public kinds are listed: a session must be named."""
    if kind is not None and kind not in things.PUBLIC_KINDS:
        raise ValidationError({"thing": "Name the session whose ratings to list."})


class RatingViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """Ratings of the initiative's service, volunteering activities and shifts, delivered
    PB projects and (for those in them) peer-support sessions."""

    serializer_class = RatingSerializer
    http_method_names = ["get", "post", "head", "options"]

    def _visible_thing(self, kind: str, pk: int) -> Thing:
        found = things.find(self.get_initiative(), kind, pk)
        if found is None or not gate.allows(
            self.request.user, "ratings.view_thing", found.as_target()
        ):
            raise ValidationError({"thing": NO_SUCH_THING})
        return found

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return Rating.objects.none()
        kind, pk = _filters(self.request)
        if pk is not None and kind is not None:
            thing = self._visible_thing(kind, pk)
            return selectors.ratings_shown(
                self.request.user, self.get_initiative(), kind=thing.kind, thing_id=thing.pk
            )
        _public(kind)
        shown = selectors.ratings_shown(self.request.user, self.get_initiative())
        return shown.filter(kind=kind) if kind else shown

    @extend_schema(parameters=FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=RatingSerializer, responses={200: RatingSerializer, 201: RatingSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Rate a thing, or change your rating of it (one rating per person per thing)."""
        body = RatingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        thing = self._visible_thing(given["kind"], given["thing_id"])
        rating = services.rating_give(
            actor=request.user,
            thing=thing,
            stars=given["stars"],
            comment=given["comment"],
            anonymous=given["anonymous"],
        )
        shown = selectors.ratings_shown(
            request.user, thing.initiative, kind=thing.kind, thing_id=thing.pk
        ).get(id=rating.pk)
        created = rating.created_at == rating.updated_at
        return Response(
            RatingSerializer(shown).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(parameters=FILTERS, responses={200: RatingSummarySerializer(many=True)})
    @action(detail=False, methods=["get"], pagination_class=None)
    def summaries(self, request: Request, initiative_slug: str) -> Response:
        """Each rated thing's figures (one, with kind and thing; sessions only so)."""
        kind, pk = _filters(request)
        if pk is not None and kind is not None:
            thing = self._visible_thing(kind, pk)
            row = {"kind": thing.kind, "thing": thing.pk, "title": thing.title}
            rows = [row | selectors.summary_of(thing.kind, thing.pk)]
        else:
            _public(kind)
            rows = selectors.summaries(self.get_initiative())
            rows = [row for row in rows if kind is None or row["kind"] == kind]
        return Response(RatingSummarySerializer(rows, many=True).data)


class FeedbackViewSet(mixins.ListModelMixin, InitiativeChildViewSet):
    """ "You said, we did": the coordinators' public answers to what raters said."""

    serializer_class = FeedbackSerializer
    http_method_names = ["get", "post", "head", "options"]
    pagination_class = None

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Rating.objects.none()
        return selectors.you_said_we_did(self.get_initiative())

    @extend_schema(
        request=FeedbackSerializer, responses={200: FeedbackSerializer, 201: FeedbackSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Answer a rating's comment publicly (coordinators); again, to change the answer."""
        initiative = self.get_initiative()
        gate.require(request.user, "ratings.answer", initiative)
        body = FeedbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = body.validated_data
        rating = Rating.objects.filter(initiative=initiative, pk=given["rating"]).first()
        if rating is None:
            raise ValidationError({"rating": NO_SUCH_RATING})
        answer = services.feedback_answer(
            actor=request.user,
            rating=rating,
            text=given["text"],
            decision=given.get("decision_id"),
        )
        shown = next(a for a in selectors.you_said_we_did(initiative) if a["id"] == answer.pk)
        created = answer.answered_at == answer.updated_at
        return Response(
            FeedbackSerializer(shown).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
