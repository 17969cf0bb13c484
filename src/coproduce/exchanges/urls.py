from django.urls import path

from coproduce.exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("<slug:slug>/exchanges/", views.overview, name="overview"),
    path("<slug:slug>/exchanges/listings/<int:pk>/take-up/", views.propose, name="propose"),
    path("<slug:slug>/exchanges/listings/<int:pk>/close/", views.close, name="close"),
    path("<slug:slug>/exchanges/<int:pk>/answer/", views.answer, name="answer"),
    path("<slug:slug>/exchanges/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<slug:slug>/exchanges/<int:pk>/cancel/", views.cancel, name="cancel"),
]
