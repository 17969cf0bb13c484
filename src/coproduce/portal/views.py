"""The front of the platform: its home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.cases.selectors import case_library_summary
from coproduce.core.pagecache import shared_with_visitors
from coproduce.initiatives.selectors import initiatives_visible_to, localities_for
from coproduce.portal.forms import LocalityForm
from coproduce.portal.selectors import ILLUSTRATIVE, demo_loaded, live_now


@shared_with_visitors(parameters=["locality"])
def home(request: HttpRequest) -> HttpResponse:
    """What is live now near the person (ADR 0045), their initiatives, and the ways in."""
    localities = localities_for(request.user)
    form = LocalityForm(request.GET or None, localities=localities)
    locality = form.cleaned_data["locality"] if form.is_bound and form.is_valid() else ""
    mine = (
        initiatives_visible_to(request.user).filter(
            memberships__user=request.user, memberships__status="active"
        )[:10]
        if request.user.is_authenticated
        else []
    )
    context = {
        "live": live_now(request.user, locality=locality),
        "locality": locality,
        "locality_form": form if localities else None,
        "summary": case_library_summary(),
        "mine": mine,
        "demo_notice": ILLUSTRATIVE if demo_loaded() else "",
    }
    return render(request, "portal/home.html", context, status=400 if form.errors else 200)
