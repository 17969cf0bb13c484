from django.urls import path

from coproduce.ratings import views

app_name = "ratings"

urlpatterns = [
    path("<slug:slug>/ratings/", views.overview, name="overview"),
    path("<slug:slug>/ratings/ratings.csv", views.summaries_csv, name="summaries_csv"),
    path("<slug:slug>/ratings/you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    # before the things' pattern, which "answer" would match as a kind
    path("<slug:slug>/ratings/answer/<id:pk>/", views.answer, name="answer"),
    path("<slug:slug>/ratings/<str:kind>/<id:pk>/", views.thing, name="thing"),
    path("<slug:slug>/ratings/<str:kind>/<id:pk>/ratings.csv", views.thing_csv, name="thing_csv"),
]
