from django.urls import path

from coproduce.mine import views

app_name = "mine"

urlpatterns = [
    path("", views.my_page, name="page"),
]
