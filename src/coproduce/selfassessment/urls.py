from django.urls import path

from coproduce.selfassessment import views

app_name = "selfassessment"

urlpatterns = [
    path("<slug:slug>/self-assessment/", views.page, name="page"),
]
