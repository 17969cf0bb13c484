"""The search page: the header's search box lands here."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.core.pagecache import shared_with_visitors
from coproduce.core.ratelimits import limited_in_each_process
from coproduce.search import selectors, services
from coproduce.search.forms import SearchForm
from coproduce.search.models import Kind


# Each search goes over the whole index: a client may search so many times a minute
# (``COPRODUCE_RATELIMIT_SEARCH``), as the API's throttle limits it there; beyond it, 429.
@limited_in_each_process("search", lambda: str(settings.RATELIMIT_SEARCH))
# A signed-out visitor's page is the same for every signed-out visitor: it is kept, shared
# by the processes, until the index changes (ADR 0055).
@shared_with_visitors(
    parameters=["q", "kind", "page"],
    seconds=lambda: int(settings.SEARCH_PAGE_SECONDS),
    find=selectors.kept_page,
    keep=services.page_keep,
)
def search(request: HttpRequest) -> HttpResponse:
    """Everything found, grouped by kind (the best few of each), or one kind page by page.
    Without a query, the empty form."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    context: dict[str, object] = {"form": form, "kinds": Kind}
    if form.is_bound and form.is_valid():
        terms, kind = form.cleaned_data["terms"], form.cleaned_data["kind"]
        context["q"] = form.cleaned_data["q"]
        if kind:
            page = selectors.page_of_kind(request.user, terms, kind, request.GET.get("page"))
            context |= {
                "kind": kind,
                "kind_label": Kind(kind).label,
                "page": page,
                "hits": selectors.hits_of(page.object_list, terms),
            }
        else:
            context["groups"] = selectors.grouped(request.user, terms)
    return render(request, "search/results.html", context)
