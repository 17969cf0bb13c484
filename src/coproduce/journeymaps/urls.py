from django.urls import path

from coproduce.journeymaps import views

app_name = "journeymaps"

MAP = "<slug:slug>/journey-maps/<id:pk>/"
urlpatterns = [
    path("<slug:slug>/journey-maps/", views.overview, name="overview"),
    path("<slug:slug>/journey-maps/new/", views.map_form, name="new"),
    path(MAP, views.journey_map, name="map"),
    path(MAP + "edit/", views.map_form, name="edit"),
    path(MAP + "journey-map.csv", views.map_csv, name="csv"),
    path(MAP + "notes/new/", views.note_add, name="note_add"),
    path(MAP + "notes/<id:note_pk>/", views.note, name="note"),
    path(MAP + "notes/<id:note_pk>/idea/", views.note_idea, name="note_idea"),
    path(MAP + "notes/<id:note_pk>/status/", views.note_status, name="note_status"),
    path(MAP + "stages/", views.stages, name="stages"),
    path(MAP + "stages/<id:stage_pk>/", views.stage_edit, name="stage_edit"),
    path(MAP + "stages/<id:stage_pk>/move/", views.stage_move, name="stage_move"),
]
