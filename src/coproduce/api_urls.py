"""All REST routes under /api/v1/, as each capability declares them, and the OpenAPI schema."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter, SimpleRouter

from coproduce.core.apidocs import OpenApiDocumentView
from coproduce.core.capabilities import api_routes, api_views


class Router(DefaultRouter):
    """One URL per resource: no ``.json`` suffix variants to secure and document twice."""

    include_format_suffixes = False


root = Router()
for prefix, viewset, basename in api_routes(nested=False):
    root.register(prefix, viewset, basename=basename)
nested = SimpleRouter()
for prefix, viewset, basename in api_routes(nested=True):
    nested.register(prefix, viewset, basename=basename)

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenApiDocumentView.as_view(), name="schema"),
    *(path(route, view.as_view(), name=name) for route, view, name in api_views()),
    path("initiatives/<slug:initiative_slug>/", include(nested.urls)),
    path("", include(root.urls)),
]
