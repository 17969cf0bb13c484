"""The search API: the page's search, as data."""

from django.core.paginator import Paginator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.search import selectors
from coproduce.search.forms import SearchForm
from coproduce.search.models import Kind


class SearchView(APIView):
    """What the person may find for ``q``: counts by kind and one page of hits, best first
    (all kinds, or the one ``kind`` asked for). Snippets are plain text."""

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="The words to find."),
            OpenApiParameter("kind", str, enum=Kind.values),
            OpenApiParameter("page", int),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        terms, kind = form.cleaned_data["terms"], form.cleaned_data["kind"]
        found = selectors.documents_found(request.user, terms)
        counts = selectors.counts_by_kind(found)
        page = Paginator(found.filter(kind=kind) if kind else found, selectors.PER_PAGE).get_page(
            request.query_params.get("page")
        )
        return Response(
            {
                "query": form.cleaned_data["q"],
                "counts": counts,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": [
                    {"kind": h.kind, "title": h.title, "snippet": h.snippet, "url": h.url}
                    for h in selectors.hits_of(page.object_list, terms)
                ],
            }
        )
