from django.urls import path

from coproduce.exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("<slug:slug>/exchanges/", views.overview, name="overview"),
    path("<slug:slug>/exchanges/listings/<id:pk>/take-up/", views.propose, name="propose"),
    path("<slug:slug>/exchanges/listings/<id:pk>/close/", views.close, name="close"),
    path("<slug:slug>/exchanges/<id:pk>/answer/", views.answer, name="answer"),
    path("<slug:slug>/exchanges/<id:pk>/confirm/", views.confirm, name="confirm"),
    path("<slug:slug>/exchanges/<id:pk>/cancel/", views.cancel, name="cancel"),
]
