from django.urls import path

from coproduce.portal import views

urlpatterns = [
    path("", views.home, name="home"),
]
