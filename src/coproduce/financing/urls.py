from django.urls import path

from coproduce.financing import views

app_name = "financing"

F = "<slug:slug>/financing/"
urlpatterns = [
    path(F, views.overview, name="overview"),
    path(F + "campaigns/new/", views.campaign_new, name="campaign_new"),
    path(F + "campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path(F + "campaigns/<int:pk>/match/", views.match_rule_new, name="match_new"),
    path(F + "campaigns/<int:pk>/organisation/", views.organisation_pledge, name="org_pledge"),
    path(F + "campaigns/<int:pk>/lapse/", views.campaign_lapse, name="lapse"),
    path(F + "pledges/<int:pk>/honour/", views.pledge_honour, name="honour"),
    path(F + "pledges/<int:pk>/withdraw/", views.pledge_withdraw, name="withdraw"),
    path(F + "shares/new/", views.offer_new, name="offer_new"),
    path(F + "shares/<int:pk>/", views.offer_detail, name="offer"),
    path(F + "shares/<int:pk>/register.csv", views.offer_register_csv, name="register_csv"),
    path(F + "grants/new/", views.grant_new, name="grant_new"),
    path(F + "grants/<int:pk>/received/", views.grant_receive, name="grant_receive"),
    path(F + "reports/<int:pk>/submitted/", views.report_submit, name="report_submit"),
    path(F + "spending/new/", views.spending_new, name="spending_new"),
]
