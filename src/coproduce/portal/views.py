"""The front of the platform: its home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.cases.selectors import case_library_summary
from coproduce.initiatives.selectors import initiatives_visible_to
from coproduce.portal.selectors import ILLUSTRATIVE, demo_loaded


def home(request: HttpRequest) -> HttpResponse:
    mine = (
        initiatives_visible_to(request.user).filter(
            memberships__user=request.user, memberships__status="active"
        )[:10]
        if request.user.is_authenticated
        else []
    )
    context = {
        "summary": case_library_summary(),
        "mine": mine,
        "demo_notice": ILLUSTRATIVE if demo_loaded() else "",
    }
    return render(request, "portal/home.html", context)
