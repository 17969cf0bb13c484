from django.urls import path

from coproduce.accountability import views

app_name = "accountability"

urlpatterns = [path("<slug:slug>/accountability/", views.page, name="page")]
