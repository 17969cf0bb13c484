from django.urls import path

from coproduce.timecredits import views

app_name = "timecredits"

urlpatterns = [
    path("<slug:slug>/credits/", views.credits_page, name="page"),
    path("<slug:slug>/credits/ledger/", views.ledger_page, name="ledger"),
    path("<slug:slug>/credits/partners/<id:pk>/redeem/", views.redeem, name="redeem"),
    path("<slug:slug>/credits/transfers/<id:pk>/correct/", views.transfer_correct, name="correct"),
]
