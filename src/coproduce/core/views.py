"""Pages that belong to no single capability."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.cases.selectors import case_library_summary
from coproduce.initiatives.selectors import initiatives_visible_to


def home(request: HttpRequest) -> HttpResponse:
    mine = (
        initiatives_visible_to(request.user).filter(
            memberships__user=request.user, memberships__status="active"
        )[:10]
        if request.user.is_authenticated
        else []
    )
    return render(request, "home.html", {"summary": case_library_summary(), "mine": mine})


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(
        request,
        "error.html",
        {
            "title": "Too many attempts",
            "message": "You have tried this too many times. Please wait a minute and try again.",
        },
        status=429,
    )
