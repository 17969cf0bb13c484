"""The site's URLs: the API, then each capability's pages as the registry declares them."""

from django.contrib import admin
from django.urls import include, path

from coproduce.accounts import views as accounts_views
from coproduce.core import views
from coproduce.core.capabilities import page_routes

# The API first: its requests are the many (every gift, every ballot), and Django tries the
# patterns in order.
urlpatterns = [
    path("api/v1/", include("coproduce.api_urls")),
    path("api/", views.api_reference, name="api_reference"),
    path("healthz", views.health, name="health"),
    path(
        "i18n/setlang/", accounts_views.set_language, name="set_language"
    ),  # the language switcher
    *(path(prefix, include(module)) for prefix, module in page_routes()),
    path("admin/", admin.site.urls),
]
