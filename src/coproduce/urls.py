from django.contrib import admin
from django.urls import include, path

from coproduce.core import views

# The API first: its requests are the many (every gift, every ballot), and Django tries the
# patterns in order.
urlpatterns = [
    path("api/v1/", include("coproduce.api_urls")),
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("cases/", include("coproduce.cases.urls")),
    path("initiatives/", include("coproduce.initiatives.urls")),
    path("initiatives/", include("coproduce.record.urls")),
    path("initiatives/", include("coproduce.timecredits.urls")),
    path("initiatives/", include("coproduce.volunteering.urls")),
    path("initiatives/", include("coproduce.comanagement.urls")),
    path("initiatives/", include("coproduce.peersupport.urls")),
    path("initiatives/", include("coproduce.exchanges.urls")),
    path("organisations/", include("coproduce.organisations.urls")),
    path("pb/", include("coproduce.budgeting.urls")),
    path("accounts/", include("coproduce.accounts.urls")),
    path("admin/", admin.site.urls),
]
