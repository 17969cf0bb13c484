from django.urls import path

from coproduce.inspections import views

app_name = "inspections"

urlpatterns = [
    path("<slug:slug>/inspections/", views.overview, name="overview"),
    path("<slug:slug>/inspections/checklists/<id:pk>/", views.checklist_detail, name="checklist"),
    path(
        "<slug:slug>/inspections/checklists/<id:pk>/results/",
        views.appraisal_results,
        name="results",
    ),
    path(
        "<slug:slug>/inspections/checklists/<id:pk>/results.csv",
        views.appraisal_csv,
        name="results_csv",
    ),
    path("<slug:slug>/inspections/visits/<id:pk>/", views.visit_detail, name="visit"),
    path("<slug:slug>/inspections/evidence/<id:pk>/", views.evidence_picture, name="evidence"),
    path("<slug:slug>/inspections/reports/<id:pk>/", views.report, name="report"),
    path("<slug:slug>/inspections/reports/<id:pk>/report.csv", views.report_csv, name="report_csv"),
]
