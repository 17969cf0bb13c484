from django.urls import path

from coproduce.peersupport import views

app_name = "peersupport"

urlpatterns = [
    path("<slug:slug>/peer-support/", views.overview, name="overview"),
    path("<slug:slug>/peer-support/requests/<id:pk>/match/", views.match_make, name="make_match"),
    path("<slug:slug>/peer-support/matches/<id:pk>/", views.match_detail, name="match"),
    path("<slug:slug>/peer-support/concerns/<id:pk>/", views.concern_detail, name="concern"),
]
