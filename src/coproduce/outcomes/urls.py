from django.urls import path

from coproduce.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("<slug:slug>/outcomes/", views.overview, name="overview"),
    path("<slug:slug>/outcomes/new/", views.indicator_form, name="indicator_new"),
    path("<slug:slug>/outcomes/<id:pk>/", views.indicator_detail, name="indicator"),
    path("<slug:slug>/outcomes/<id:pk>/edit/", views.indicator_form, name="indicator_edit"),
    path("<slug:slug>/outcomes/<id:pk>/import/", views.measurements_import, name="import"),
]
