from django.urls import path

from coproduce.financing import views

app_name = "financing"

F = "<slug:slug>/financing/"
urlpatterns = [
    path(F, views.overview, name="overview"),
    path(F + "campaigns/new/", views.campaign_new, name="campaign_new"),
    path(F + "campaigns/<id:pk>/", views.campaign_detail, name="campaign"),
    path(F + "campaigns/<id:pk>/match/", views.match_rule_new, name="match_new"),
    path(F + "campaigns/<id:pk>/organisation/", views.organisation_pledge, name="org_pledge"),
    path(F + "campaigns/<id:pk>/lapse/", views.campaign_lapse, name="lapse"),
    path(F + "pledges/<id:pk>/honour/", views.pledge_honour, name="honour"),
    path(F + "pledges/<id:pk>/withdraw/", views.pledge_withdraw, name="withdraw"),
    path(F + "shares/new/", views.offer_new, name="offer_new"),
    path(F + "shares/<id:pk>/", views.offer_detail, name="offer"),
    path(F + "shares/<id:pk>/register.csv", views.offer_register_csv, name="register_csv"),
    path(F + "grants/new/", views.grant_new, name="grant_new"),
    path(F + "grants/<id:pk>/received/", views.grant_receive, name="grant_receive"),
    path(F + "reports/<id:pk>/submitted/", views.report_submit, name="report_submit"),
    path(F + "spending/new/", views.spending_new, name="spending_new"),
]
