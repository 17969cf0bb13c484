"""The case library page, and the panel that cites a case's sources on its initiative page."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.cases import selectors
from coproduce.cases.forms import CaseFilterForm
from coproduce.initiatives.models import Initiative


def library(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        found = selectors.cases().none()
    else:
        data = form.cleaned_data if form.is_bound else {}
        found = selectors.cases(selectors.CaseFilters(**{k: v or "" for k, v in data.items()}))
    page = Paginator(found, 12).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "total": page.paginator.count,
        "countries": selectors.countries(),
        "query": query.urlencode(),
    }
    return render(request, "cases/library.html", context, status=400 if form.errors else 200)


def sources_panel(request: HttpRequest, initiative: Initiative) -> dict[str, Any] | None:
    """The initiative page's panel of where a case's facts come from; none for other
    initiatives."""
    case = getattr(initiative, "case_study", None)
    return None if case is None else {"case": case}
