from django.urls import path

from coproduce.events import views

app_name = "events"

urlpatterns = [
    path("<slug:slug>/events/", views.event_list, name="list"),
    path("<slug:slug>/events/new/", views.event_create, name="create"),
    path("<slug:slug>/events/calendar.ics", views.initiative_ics, name="initiative_ics"),
    path("<slug:slug>/events/<id:pk>/", views.event_detail, name="detail"),
    path("<slug:slug>/events/<id:pk>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/events/<id:pk>/event.ics", views.event_ics, name="ics"),
    path("<slug:slug>/events/<id:pk>/register/", views.register, name="register"),
    path("<slug:slug>/events/<id:pk>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/events/<id:pk>/registrations/", views.registrations, name="registrations"),
    path("<slug:slug>/events/<id:pk>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/events/<id:pk>/outputs/", views.outputs, name="outputs"),
    path("<slug:slug>/events/<id:pk>/dots/", views.dots, name="dots"),
]
