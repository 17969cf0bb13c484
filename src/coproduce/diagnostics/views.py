"""The diagnostics pages: one initiative's figures (on screen, printable and as downloads)
and the portfolio of every initiative the viewer may see. Read-only: whoever may view an
initiative reads its diagnostics; anyone else gets the 404 the initiative would give."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from coproduce.core import gate
from coproduce.core.dates import Period
from coproduce.core.downloads import csv_response
from coproduce.core.ratelimits import client_key
from coproduce.diagnostics import presenters, selectors
from coproduce.diagnostics.forms import DiagnosticsPeriodForm, PortfolioForm
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import initiatives_visible_to
from coproduce.initiatives.views import visible

PAGE = "diagnostics/initiative.html"


def _rate(group: str, request: HttpRequest) -> str:
    return str(settings.RATELIMIT_DIAGNOSTICS)


# Each reading goes over the record (the portfolio over every initiative one may see): a
# client may ask for so many a minute (``COPRODUCE_RATELIMIT_DIAGNOSTICS``), as the API's
# throttle limits the same answers there; beyond it, 429.
readings_limited = ratelimit(group="diagnostics", key=client_key, rate=_rate)


def _figures(request: HttpRequest, initiative: Initiative, period: Period) -> dict[str, Any]:
    answer = selectors.diagnostics(initiative, period)
    return presenters.figures_context(
        initiative,
        answer,
        answer["trend"],
        period,
        presenters.documented_cases(initiatives_visible_to(request.user)),
    )


def _asked(
    request: HttpRequest, slug: str
) -> tuple[Initiative, DiagnosticsPeriodForm, HttpResponse | None]:
    """The initiative (404 for those who may not see it), the period form, and the page that
    shows the form's errors (400) when it has any."""
    initiative = visible(request, slug)
    form = DiagnosticsPeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"initiative": initiative, "form": form}
        return initiative, form, render(request, PAGE, context, status=400)
    return initiative, form, None


@require_safe
@readings_limited
def initiative_page(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, form, refused = _asked(request, slug)
    if refused is not None:
        return refused
    can_manage = gate.allows(request.user, "initiatives.change_initiative", initiative)
    context = {
        "initiative": initiative,
        "form": form,
        "query": form.params().urlencode(),
        "manage": presenters.coordinator_links(initiative) if can_manage else None,
        **_figures(request, initiative, form.period),
    }
    return render(request, PAGE, context)


@require_safe
@readings_limited
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The printable report: every figure with its definition, no form."""
    initiative, form, refused = _asked(request, slug)
    if refused is not None:
        return refused
    context = {
        "initiative": initiative,
        "query": form.params().urlencode(),
        **_figures(request, initiative, form.period),
    }
    return render(request, "diagnostics/report.html", context)


def _filename(initiative: Initiative, period: Period, extension: str) -> str:
    ends = "".join(f"-{day.isoformat()}" for day in (period.start, period.end) if day)
    return f"diagnostics-{initiative.slug}{ends}.{extension}"


@require_safe
@readings_limited
def report_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The API's answer (the contract) as a download; a bad period is a 400 naming it."""
    initiative = visible(request, slug)
    try:
        period = Period.from_query(request.GET)
    except ValidationError as error:
        return JsonResponse(error.message_dict, status=400)
    response = JsonResponse(selectors.diagnostics(initiative, period))
    disposition = f'attachment; filename="{_filename(initiative, period, "json")}"'
    response["Content-Disposition"] = disposition
    return response


@require_safe
@readings_limited
def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """One row per figure: section, dotted key, value."""
    initiative, form, refused = _asked(request, slug)
    if refused is not None:
        return refused
    answer = selectors.diagnostics(initiative, form.period)
    return csv_response(_filename(initiative, form.period, "csv"), presenters.report_rows(answer))


def _portfolio(request: HttpRequest) -> tuple[PortfolioForm, list[dict[str, Any]] | None]:
    """The portfolio's form and its rows (None when the form has errors)."""
    asked = request.GET.copy()
    asked.pop("page", None)
    form = PortfolioForm(asked or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, presenters.portfolio_rows(initiatives_visible_to(request.user), form.query())


@require_safe
@readings_limited
def portfolio_page(request: HttpRequest) -> HttpResponse:
    form, rows = _portfolio(request)
    if rows is None:
        return render(request, "diagnostics/portfolio.html", {"form": form}, status=400)
    query, params = form.query(), form.params()
    page = Paginator(rows, presenters.PER_PAGE).get_page(request.GET.get("page"))
    unsorted = params.copy()
    unsorted.pop("sort", None)
    context = {
        "form": form,
        "page": page,
        "total": len(rows),
        "rows": presenters.portfolio_table(page.object_list),
        "headers": presenters.headers(query.sort, unsorted),
        "query": params.urlencode(),
        "include_cases": query.include_cases,
    }
    return render(request, "diagnostics/portfolio.html", context)


@require_safe
@readings_limited
def portfolio_csv(request: HttpRequest) -> HttpResponse:
    """The portfolio's rows, filtered and sorted as on the page, all of them."""
    form, rows = _portfolio(request)
    if rows is None:
        return render(request, "diagnostics/portfolio.html", {"form": form}, status=400)
    return csv_response("diagnostics-portfolio.csv", presenters.portfolio_csv_rows(rows))
