from django.urls import path

from coproduce.diagnostics import views

app_name = "diagnostics"

urlpatterns = [
    path("diagnostics/", views.portfolio_page, name="portfolio"),
    path("diagnostics/portfolio.csv", views.portfolio_csv, name="portfolio_csv"),
    path("initiatives/<slug:slug>/diagnostics/", views.initiative_page, name="initiative"),
    path("initiatives/<slug:slug>/diagnostics/report/", views.report_page, name="report"),
    path("initiatives/<slug:slug>/diagnostics/report.json", views.report_json, name="report_json"),
    path("initiatives/<slug:slug>/diagnostics/report.csv", views.report_csv, name="report_csv"),
]
