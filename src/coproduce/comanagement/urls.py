from django.urls import path

from coproduce.comanagement import views

app_name = "comanagement"

urlpatterns = [
    path("<slug:slug>/boards/", views.boards, name="boards"),
    path("<slug:slug>/boards/<id:pk>/", views.board, name="board"),
    path("<slug:slug>/boards/meetings/<id:pk>/", views.meeting, name="meeting"),
]
