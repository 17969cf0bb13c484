"""REST API for events, inside an initiative: /api/v1/initiatives/{slug}/events/…

Anyone who may see the initiative lists and reads its events; coordinators plan them
(``POST events/``, through the same service as the page); members register and
cancel; facilitators and coordinators read and take attendance. No answer here carries
anyone's access needs."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from coproduce.accounts.people import person_field
from coproduce.core import gate
from coproduce.core.vocabulary import StageKind
from coproduce.events import selectors, services
from coproduce.events.models import AccessNeed, Event, Registration
from coproduce.events.services import EVENT_FIELDS
from coproduce.initiatives.api import InitiativeChildViewSet
from coproduce.initiatives.selectors import stage_of


class EventSerializer(serializers.ModelSerializer):
    stage = serializers.CharField(source="stage.kind", read_only=True)
    taken = serializers.IntegerField(read_only=True, default=0)
    waiting = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Event
        fields = ["id", "stage", *EVENT_FIELDS, "taken", "waiting"]
        read_only_fields = fields


class EventCreateSerializer(serializers.ModelSerializer):
    """A new event: its fields, and the kind of the initiative's stage its attendees' time
    is recorded in (co-planning unless named; the stage must exist)."""

    stage = serializers.ChoiceField(
        choices=StageKind.choices,
        default=StageKind.CO_PLANNING,
        help_text=_lazy("The kind of the initiative's stage the event belongs to."),
    )

    class Meta:
        model = Event
        fields = ["stage", *EVENT_FIELDS]


class EventRegisterSerializer(serializers.Serializer):
    access_needs = serializers.MultipleChoiceField(choices=AccessNeed.choices, required=False)
    access_notes = serializers.CharField(
        max_length=1000, required=False, default="", allow_blank=True
    )


class EventRegistrationSerializer(serializers.ModelSerializer):
    """Your own registration: its status and place in the queue."""

    waiting_position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = ["id", "event", "status", "waiting_position"]
        read_only_fields = fields

    def get_waiting_position(self, registration: Registration) -> int | None:
        return selectors.waiting_position(registration)


class EventAttendeeSerializer(serializers.Serializer):
    person = person_field()
    minutes = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=24 * 60
    )


class EventAttendanceSerializer(serializers.Serializer):
    present = EventAttendeeSerializer(many=True, required=False, default=list)
    absent = serializers.ListField(child=person_field(), required=False, default=list)


class EventAttendanceRowSerializer(serializers.Serializer):
    person = serializers.CharField(source="person.username")
    registered = serializers.BooleanField()
    attended = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()

    def get_attended(self, row: selectors.AttendanceRow) -> bool:
        return row.attendance is not None

    def get_minutes(self, row: selectors.AttendanceRow) -> int | None:
        return row.attendance.minutes if row.attendance else None


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeChildViewSet):
    serializer_class = EventSerializer

    def get_queryset(self) -> QuerySet[Event]:
        if getattr(self, "swagger_fake_view", False):
            return Event.objects.none()
        return selectors.events_of(self.get_initiative()).select_related("initiative")

    def _event(self, pk: str) -> Event:
        return gate.get_object(self.request.user, self.get_queryset(), "events.view", pk=pk)

    @extend_schema(request=EventCreateSerializer, responses={201: EventSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Plan an event (the initiative's coordinators), with the same checks as the page."""
        initiative = self.get_initiative()
        gate.require(request.user, "events.manage", initiative)
        body = EventCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        stage = stage_of(initiative, fields.pop("stage"))
        if stage is None:
            raise ValidationError({"stage": _("The initiative has no stage of that kind.")})
        event = services.event_create(
            actor=request.user, initiative=initiative, stage=stage, **fields
        )
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EventRegisterSerializer, responses={201: EventRegistrationSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Take a place, or join the waiting list when the event is full."""
        event = self._event(pk)
        gate.require(request.user, "events.register", event.initiative)
        body = EventRegisterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(body.validated_data)
        registration = services.event_register(
            actor=request.user,
            event=event,
            access_needs=sorted(data.get("access_needs", ())),
            access_notes=data["access_notes"],
        )
        return Response(
            EventRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses={200: EventRegistrationSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Give up your place or leave the waiting list."""
        event = self._event(pk)
        gate.require(request.user, "events.register", event.initiative)
        mine = selectors.registration_of(event, request.user)
        if mine is None:
            raise serializers.ValidationError(
                {"event": _("You are not registered for this event.")}
            )
        services.registration_cancel(actor=request.user, registration=mine)
        mine.refresh_from_db()
        return Response(EventRegistrationSerializer(mine).data)

    @extend_schema(
        methods=["get"], request=None, responses={200: EventAttendanceRowSerializer(many=True)}
    )
    @extend_schema(
        methods=["post"],
        request=EventAttendanceSerializer,
        responses={200: EventAttendanceRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "post"])
    def attendance(self, request: Request, initiative_slug: str, pk: str) -> Response:
        """Who came (facilitators and coordinators): read it, or record it; each
        attendee's time enters the record, and a change reverses the earlier entry."""
        event = self._event(pk)
        gate.require(request.user, "events.facilitate", event)
        if request.method == "POST":
            body = EventAttendanceSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            services.attendance_take(
                actor=request.user,
                event=event,
                present={row["person"]: row["minutes"] for row in body.validated_data["present"]},
                absent=body.validated_data["absent"],
            )
        rows = selectors.attendance_sheet(event)
        return Response(EventAttendanceRowSerializer(rows, many=True).data)
