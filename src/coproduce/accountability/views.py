"""The initiative's public accountability page: where money came from and went, who decided
what, and each capability's own part (outcomes, inspections, projects) from the registry.
Whoever may view the initiative reads it; anyone else gets the 404 the initiative gives."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coproduce.accountability import selectors
from coproduce.core import capabilities
from coproduce.initiatives.views import visible


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = visible(request, slug)
    sources = selectors.money_in(initiative)
    sections = []
    for section, context in capabilities.accountability_sections():
        found = context(request, initiative)
        if found is not None:
            sections.append((section.template, found))
    return render(
        request,
        "accountability/page.html",
        {
            "initiative": initiative,
            "sources": sources,
            "money_total": sum(s.money for s in sources),
            "in_kind_total": sum(s.in_kind for s in sources),
            "bodies": selectors.decisions_by_body(initiative),
            "sides": selectors.SIDES,
            "decisions": selectors.recent_decisions(initiative),
            "recent_limit": selectors.RECENT_DECISIONS,
            "sections": sections,
        },
    )
