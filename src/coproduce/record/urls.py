from django.urls import path

from coproduce.record import views

app_name = "record"

urlpatterns = [
    path("<slug:slug>/record/", views.record_page, name="page"),
    path("<slug:slug>/record/contribute/", views.contribution_create, name="contribute"),
    path("<slug:slug>/record/decide/", views.decision_create, name="decide"),
    path(
        "<slug:slug>/record/contributions/<id:pk>/verify/",
        views.contribution_verify,
        name="verify",
    ),
    path(
        "<slug:slug>/record/contributions/<id:pk>/reverse/",
        views.contribution_reverse,
        name="reverse_contribution",
    ),
    path(
        "<slug:slug>/record/decisions/<id:pk>/reverse/",
        views.decision_reverse,
        name="reverse_decision",
    ),
]
