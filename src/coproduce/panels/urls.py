from django.urls import path

from coproduce.panels import views

app_name = "panels"

urlpatterns = [
    path("<slug:slug>/panels/", views.panel_list, name="list"),
    path("<slug:slug>/panels/new/", views.panel_create, name="create"),
    path("<slug:slug>/panels/<id:pk>/", views.panel_detail, name="detail"),
    path("<slug:slug>/panels/<id:pk>/features/", views.features, name="features"),
    path("<slug:slug>/panels/<id:pk>/pool/", views.pool, name="pool"),
    path("<slug:slug>/panels/<id:pk>/pool/<id:member>/drop-out/", views.drop_out, name="drop_out"),
    path("<slug:slug>/panels/<id:pk>/selection/", views.selection, name="selection"),
    path("<slug:slug>/panels/<id:pk>/publish/", views.publish, name="publish"),
    path("<slug:slug>/panels/<id:pk>/evidence/", views.evidence, name="evidence"),
    path("<slug:slug>/panels/<id:pk>/sessions/", views.sessions, name="sessions"),
    path("<slug:slug>/panels/<id:pk>/recommendations/new/", views.recommend, name="recommend"),
    path(
        "<slug:slug>/panels/<id:pk>/recommendations/<id:number>/answer/",
        views.answer,
        name="answer",
    ),
]
