from django.urls import path

from coproduce.personaloutcomes import views

app_name = "personaloutcomes"

BASE = "<slug:slug>/personal-outcomes/"

urlpatterns = [
    path(f"{BASE}scale/", views.scale, name="scale"),
    path(f"{BASE}pairings/", views.pairings, name="pairings"),
    path(f"{BASE}people/", views.people, name="people"),
    path(f"{BASE}people/<id:person_id>/", views.person, name="person"),
    path(f"{BASE}people/<id:person_id>/readings/new/", views.reading_new, name="reading_new"),
    path(f"{BASE}readings/<id:pk>/correct/", views.reading_correct, name="reading_correct"),
    path(f"{BASE}change/", views.change, name="change"),
]
