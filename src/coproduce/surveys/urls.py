from django.urls import path

from coproduce.surveys import views

app_name = "surveys"

urlpatterns = [
    path("<slug:slug>/surveys/", views.survey_list, name="list"),
    path("<slug:slug>/surveys/assets/", views.assets, name="assets"),
    path("<slug:slug>/surveys/<id:pk>/", views.respond, name="respond"),
    path("<slug:slug>/surveys/<id:pk>/build/", views.build, name="build"),
    path("<slug:slug>/surveys/<id:pk>/status/", views.set_status, name="status"),
    path("<slug:slug>/surveys/<id:pk>/codes/", views.codes, name="codes"),
    path("<slug:slug>/surveys/<id:pk>/paper/", views.paper, name="paper"),
    path("<slug:slug>/surveys/<id:pk>/results/", views.results, name="results"),
    path("<slug:slug>/surveys/<id:pk>/answers.csv", views.answers_csv, name="answers_csv"),
    path("<slug:slug>/surveys/<id:pk>/adopt/", views.adopt, name="adopt"),
    path(
        "<slug:slug>/surveys/<id:pk>/adopt/proposals/",
        views.adopt_proposals,
        name="adopt_proposals",
    ),
]
