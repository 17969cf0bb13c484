from django.urls import path

from coproduce.peersupport import views

app_name = "peersupport"

urlpatterns = [
    path("<slug:slug>/peer-support/", views.overview, name="overview"),
    path("<slug:slug>/peer-support/requests/<int:pk>/match/", views.match_make, name="make_match"),
    path("<slug:slug>/peer-support/matches/<int:pk>/", views.match_detail, name="match"),
    path("<slug:slug>/peer-support/concerns/<int:pk>/", views.concern_detail, name="concern"),
]
