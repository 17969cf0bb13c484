from django.urls import path

from coproduce.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("new/", views.initiative_create, name="create"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/edit/", views.initiative_edit, name="edit"),
    path("<slug:slug>/join/", views.initiative_join, name="join"),
    path("<slug:slug>/leave/", views.initiative_leave, name="leave"),
    path("<slug:slug>/side/", views.side_change, name="side_change"),
    path("<slug:slug>/members/", views.members_manage, name="members"),
    path("<slug:slug>/people/", views.people_search, name="people"),
    path("<slug:slug>/people/invitable/", views.invitable_search, name="invitable"),
    # before the one-button decisions, whose last part would take "remove" as a decision
    path("<slug:slug>/members/<id:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/members/<id:pk>/<str:decision>/",
        views.member_decide,
        name="member_decide",
    ),
    path("<slug:slug>/stages/new/", views.stage_create, name="stage_create"),
    path("<slug:slug>/stages/<id:pk>/edit/", views.stage_edit, name="stage_edit"),
    path("<slug:slug>/stages/<id:pk>/declare/", views.stage_declare, name="stage_declare"),
    path(
        "<slug:slug>/diagnostics/settings/",
        views.diagnostic_settings,
        name="diagnostic_settings",
    ),
    path("<slug:slug>/goals/new/", views.goal_create, name="goal_create"),
    path("<slug:slug>/goals/<id:pk>/agree/", views.goal_agree, name="goal_agree"),
    path("<slug:slug>/goals/<id:pk>/reject/", views.goal_reject, name="goal_reject"),
]
