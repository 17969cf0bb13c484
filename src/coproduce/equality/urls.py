from django.urls import path

from coproduce.equality import views

app_name = "equality"

urlpatterns = [
    path("me/equality/", views.profile, name="profile"),
    path("me/equality/withdraw/", views.withdraw, name="withdraw"),
    path("initiatives/<slug:slug>/equality/baseline/", views.baseline, name="baseline"),
]
