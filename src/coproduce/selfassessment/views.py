"""The self-assessment page: the results side by side for everyone who may see the
initiative, and the form for its members."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.initiatives.views import visible
from coproduce.selfassessment import selectors, services
from coproduce.selfassessment.forms import SelfAssessmentForm
from coproduce.selfassessment.statements import BY_KEY, MIN_ANSWERS, SCALE


@never_cache  # the form holds the member's own ratings: no cache keeps them
def page(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    can_answer = gate.allows(request.user, "selfassessment.answer", initiative)
    if request.method == "POST":
        gate.require(request.user, "selfassessment.answer", initiative)
    form = None
    if can_answer:
        form = SelfAssessmentForm(
            request.POST if request.method == "POST" else None,
            ratings=selectors.ratings_of(request.user, initiative),
        )
        if form.is_bound and form.is_valid():
            try:
                services.self_assessment_answer(
                    actor=request.user, initiative=initiative, ratings=form.ratings()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your answers are saved. You can change them any time.")
                )
                return redirect("selfassessment:page", slug=slug)
    summary = selectors.self_assessment_summary(initiative)
    largest = summary["largest_gap"]
    context = {
        "initiative": initiative,
        "summary": summary,
        "groups": selectors.summary_by_group(summary),
        "largest": BY_KEY[largest] if largest else None,
        "min_answers": MIN_ANSWERS,
        "scale": SCALE,
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "selfassessment/page.html", context, status=status)
