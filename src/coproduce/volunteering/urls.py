from django.urls import path

from coproduce.volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("<slug:slug>/volunteering/", views.overview, name="overview"),
    path("<slug:slug>/volunteering/new/", views.opportunity_create, name="create"),
    path("<slug:slug>/volunteering/hours/", views.hours_log, name="log_hours"),
    path("<slug:slug>/volunteering/report/", views.report, name="report"),
    path("<slug:slug>/volunteering/<id:pk>/", views.opportunity_detail, name="opportunity"),
    path("<slug:slug>/volunteering/shifts/<id:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("<slug:slug>/volunteering/sign-ups/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "<slug:slug>/volunteering/sign-ups/<id:pk>/attendance/",
        views.attendance,
        name="attendance",
    ),
    path("<slug:slug>/volunteering/hours/<id:pk>/decide/", views.hours_decide, name="decide"),
]
