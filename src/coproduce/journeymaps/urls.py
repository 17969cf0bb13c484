from django.urls import path

app_name = "journeymaps"

urlpatterns: list = []
