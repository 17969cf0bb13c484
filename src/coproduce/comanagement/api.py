"""REST API for co-management: /api/v1/initiatives/{slug}/boards/ and meetings/.

Boards, seats, meetings, minutes and decisions are open to whoever can see the initiative
(as a trust's minutes are); coordinators set boards up, and a chair or coordinator runs
meetings."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import person_field
from coproduce.comanagement import services
from coproduce.comanagement.models import (
    BallotOnBoard,
    Board,
    BoardDecision,
    Meeting,
    Seat,
    SeatRole,
    Vote,
)
from coproduce.core import gate
from coproduce.core.queries import storable_text
from coproduce.core.vocabulary import DecisionRule
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.record.api import InitiativeStageField


class SeatSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.username", read_only=True)

    class Meta:
        model = Seat
        fields = ["id", "person", "side", "role", "joined_on", "left_on"]
        read_only_fields = fields


class BoardSerializer(serializers.ModelSerializer):
    stage = InitiativeStageField()
    seats = serializers.SerializerMethodField()

    class Meta:
        model = Board
        fields = ["id", "name", "purpose", "stage", "seats"]

    def get_seats(self, board: Board) -> list[dict[str, Any]]:
        current = [s for s in board.seats.all() if s.left_on is None]
        return SeatSerializer(current, many=True).data  # type: ignore[return-value]


class SeatAddSerializer(serializers.Serializer):
    person = person_field()
    role = serializers.ChoiceField(choices=SeatRole.choices, default=SeatRole.MEMBER)


class VoteSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.username", read_only=True)

    class Meta:
        model = BallotOnBoard
        fields = ["person", "vote"]
        read_only_fields = fields


class BoardDecisionSerializer(serializers.ModelSerializer):
    initiated_by = serializers.CharField(source="initiated_by.username", read_only=True)
    votes = VoteSerializer(many=True, read_only=True)

    class Meta:
        model = BoardDecision
        fields = ["id", "title", "rule", "initiated_by", "carried", "record", "votes"]
        read_only_fields = fields


class InitiativeBoardField(serializers.PrimaryKeyRelatedField):
    """A board id, accepted only from the initiative in the URL."""

    def get_queryset(self) -> QuerySet[Board]:
        initiative = self.context.get("initiative")
        return initiative.boards.all() if initiative else Board.objects.none()


class MeetingSerializer(serializers.ModelSerializer):
    board = InitiativeBoardField()
    attendees = serializers.SerializerMethodField()
    decisions = BoardDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "board",
            "held_at",
            "length_minutes",
            "place",
            "agenda",
            "minutes",
            "attendees",
            "decisions",
        ]
        read_only_fields = ["id", "minutes", "attendees", "decisions"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_attendees(self, meeting: Meeting) -> list[str]:
        """Who came, by username in alphabetical order: the set has no order of its own, so
        the database could give it in any."""
        return sorted(person.username for person in meeting.attendees.all())


def people_named(names: list[str]) -> dict[str, Any]:
    """The people with these usernames, by username (one query); names no database can
    hold, or longer than any username, name no one."""
    possible = [name for name in names if storable_text(name) and len(name) <= 150]
    return get_user_model().objects.in_bulk(possible, field_name="username")


class AttendanceSerializer(serializers.Serializer):
    """Who came, or the minutes, or both; what is left out stays as it was."""

    attendees = serializers.ListField(
        child=serializers.CharField(max_length=150), required=False, help_text="Usernames."
    )
    minutes = serializers.CharField(max_length=20000, allow_blank=True, required=False)

    def validate_attendees(self, names: list[str]) -> list[Any]:
        """An unknown username gets the answer someone not on the board gets."""
        people = people_named(names)
        if any(name not in people for name in names):
            raise serializers.ValidationError(services.NOT_SEATED)
        return [people[name] for name in dict.fromkeys(names)]


class DecideSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    rule = serializers.ChoiceField(choices=[DecisionRule.VOTE, DecisionRule.CONSENSUS])
    initiated_by = person_field(services.PROPOSER_PRESENT)
    votes = serializers.DictField(
        child=serializers.ChoiceField(choices=Vote.choices),
        required=False,
        help_text="For a vote: each person present (username) and their vote.",
    )
    outcome = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)

    def validate_votes(self, votes: dict[str, str]) -> dict[Any, str]:
        """An unknown username gets the answer someone not at the meeting gets."""
        people = people_named(list(votes))
        if any(name not in people for name in votes):
            raise serializers.ValidationError(services.EACH_VOTE)
        return {people[name]: vote for name, vote in votes.items()}


class BoardViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """The initiative's boards and committees with their current seats."""

    serializer_class = BoardSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Board]:
        if getattr(self, "swagger_fake_view", False):
            return Board.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "comanagement.view", initiative)
        return Board.objects.filter(initiative=initiative).prefetch_related("seats__person")

    def get_object(self) -> Board:
        return gate.get_object(
            self.request.user, self.get_queryset(), "comanagement.view", pk=self.kwargs["pk"]
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.board_create(
            actor=self.request.user, initiative=self.get_initiative(), **serializer.validated_data
        )

    @extend_schema(request=SeatAddSerializer, responses={201: SeatSerializer})
    @action(detail=True, methods=["post"])
    def seats(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Seat a member of the initiative (coordinators); the seat carries their side."""
        body = SeatAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        seat = services.seat_add(actor=request.user, board=self.get_object(), **body.validated_data)
        return Response(SeatSerializer(seat).data, status=status.HTTP_201_CREATED)


class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    InitiativeChildViewSet,
):
    """Meetings of the initiative's boards: agenda, attendance, minutes and decisions."""

    serializer_class = MeetingSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Meeting]:
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        initiative = self.get_initiative()
        gate.require(self.request.user, "comanagement.view", initiative)
        return (
            Meeting.objects.filter(board__initiative=initiative)
            .select_related("board")
            .prefetch_related("attendees", "decisions__votes__person", "decisions__initiated_by")
            .order_by("-held_at", "-pk")
        )

    def get_object(self) -> Meeting:
        return gate.get_object(
            self.request.user, self.get_queryset(), "comanagement.view", pk=self.kwargs["pk"]
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data: dict[str, Any] = dict(serializer.validated_data)
        board = data.pop("board")
        if board.initiative_id != self.get_initiative().pk:
            raise serializers.ValidationError({"board": "Choose one of this initiative's boards."})
        serializer.instance = services.meeting_schedule(
            actor=self.request.user, board=board, **data
        )

    @extend_schema(request=AttendanceSerializer, responses={200: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Who came (board members only), or the minutes, or both: what is left out of the
        request stays as it was."""
        body = AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = services.meeting_record(
            actor=request.user, meeting=self.get_object(), **body.validated_data
        )
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(request=DecideSerializer, responses={201: BoardDecisionSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """A decision by open vote (each person present) or consensus; written to the record."""
        body = DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        decision = services.board_decide(
            actor=request.user, meeting=self.get_object(), **body.validated_data
        )
        return Response(BoardDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
