"""Co-management pages: thin, through the same services and gate."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.comanagement import services
from coproduce.comanagement.forms import (
    AttendanceForm,
    BoardForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    SeatForm,
)
from coproduce.comanagement.models import Board, Meeting
from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.people import offer_members
from coproduce.initiatives.selectors import coordinators_of
from coproduce.initiatives.views import visible


def boards(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    can_manage = gate.allows(request.user, "comanagement.manage_boards", initiative)
    if request.method == "POST":
        gate.require(request.user, "comanagement.manage_boards", initiative)
    form = BoardForm(request.POST if request.method == "POST" else None, initiative=initiative)
    if form.is_bound and form.is_valid():
        try:
            board = services.board_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The board is set up; now give it its members."))
            return redirect("comanagement:board", slug=slug, pk=board.pk)
    context = {
        "initiative": initiative,
        "boards": Board.objects.filter(initiative=initiative),
        "coordinators": coordinators_of(initiative),
        "form": form if can_manage else None,
    }
    return render(request, "comanagement/boards.html", context, status=400 if form.errors else 200)


def board(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    the_board = gate.get_object(
        request.user, Board.objects.filter(initiative=initiative), "comanagement.view", pk=pk
    )
    seat_form = SeatForm(request.POST if "add_seat" in request.POST else None)
    offer_members(seat_form.fields["person"], initiative)
    meeting_form = MeetingForm(request.POST if "schedule" in request.POST else None)
    if request.method == "POST":
        gate.require(
            request.user,
            "comanagement.manage_boards" if seat_form.is_bound else "comanagement.run_meeting",
            initiative if seat_form.is_bound else the_board,
        )
    try:
        if seat_form.is_bound and seat_form.is_valid():
            services.seat_add(actor=request.user, board=the_board, **seat_form.cleaned_data)
            messages.success(request, _("The seat is added."))
            return redirect("comanagement:board", slug=slug, pk=pk)
        if meeting_form.is_bound and meeting_form.is_valid():
            meeting = services.meeting_schedule(
                actor=request.user, board=the_board, **meeting_form.cleaned_data
            )
            messages.success(request, _("The meeting is scheduled."))
            return redirect("comanagement:meeting", slug=slug, pk=meeting.pk)
    except ValidationError as error:
        add_service_errors(seat_form if seat_form.is_bound else meeting_form, error)
    context = {
        "initiative": initiative,
        "board": the_board,
        "seats": the_board.seats.filter(left_on__isnull=True).select_related("person"),
        "meetings": the_board.meetings.all(),
        "seat_form": seat_form,
        "meeting_form": meeting_form if meeting_form.is_bound else MeetingForm(),
        "can_manage": gate.allows(request.user, "comanagement.manage_boards", initiative),
        "can_run": gate.allows(request.user, "comanagement.run_meeting", the_board),
    }
    status = 400 if seat_form.errors or meeting_form.errors else 200
    return render(request, "comanagement/board.html", context, status=status)


def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = visible(request, slug)
    the_meeting = gate.get_object(
        request.user,
        Meeting.objects.filter(board__initiative=initiative).select_related("board"),
        "comanagement.view",
        pk=pk,
    )
    seated = get_user_model().objects.filter(
        pk__in=the_meeting.board.seats.filter(left_on__isnull=True).values("person")
    )
    present = list(the_meeting.attendees.all())
    attendance = AttendanceForm(
        request.POST if "attendance" in request.POST else None,
        seated=seated,
        initial={"attendees": present},
    )
    minutes = MinutesForm(
        request.POST if "write_minutes" in request.POST else None,
        initial={"minutes": the_meeting.minutes},
    )
    decision = DecisionForm(request.POST if "decide" in request.POST else None, present=present)
    if request.method == "POST":
        gate.require(request.user, "comanagement.run_meeting", the_meeting)
    try:
        if attendance.is_bound and attendance.is_valid():
            services.meeting_record(
                actor=request.user,
                meeting=the_meeting,
                attendees=list(attendance.cleaned_data["attendees"]),
            )
            messages.success(request, _("Attendance is saved."))
            return redirect("comanagement:meeting", slug=slug, pk=pk)
        if minutes.is_bound and minutes.is_valid():
            services.meeting_record(
                actor=request.user, meeting=the_meeting, minutes=minutes.cleaned_data["minutes"]
            )
            messages.success(request, _("The minutes are saved."))
            return redirect("comanagement:meeting", slug=slug, pk=pk)
        if decision.is_bound and decision.is_valid():
            services.board_decide(
                actor=request.user,
                meeting=the_meeting,
                title=decision.cleaned_data["title"],
                rule=decision.cleaned_data["rule"],
                initiated_by=decision.cleaned_data["initiated_by"],
                votes=decision.votes(),
            )
            messages.success(request, _("The decision is recorded."))
            return redirect("comanagement:meeting", slug=slug, pk=pk)
    except ValidationError as error:
        bound = [form for form in (attendance, minutes, decision) if form.is_bound]
        add_service_errors(bound[0], error)
    context = {
        "initiative": initiative,
        "meeting": the_meeting,
        "present": present,
        "decisions": the_meeting.decisions.prefetch_related("votes__person").select_related(
            "initiated_by"
        ),
        "attendance_form": attendance,
        "minutes_form": minutes,
        "decision_form": decision,
        "can_run": gate.allows(request.user, "comanagement.run_meeting", the_meeting),
    }
    status = 400 if attendance.errors or minutes.errors or decision.errors else 200
    return render(request, "comanagement/meeting.html", context, status=status)
