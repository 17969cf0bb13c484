from django.urls import path

from coproduce.budgeting import views

app_name = "budgeting"

urlpatterns = [
    path("new/<slug:slug>/", views.process_create, name="create"),
    path("<id:pk>/", views.process_detail, name="process"),
    path("<id:pk>/manage/", views.process_manage, name="manage"),
    path("<id:pk>/propose/", views.proposal_create, name="propose"),
    path("proposals/<id:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<id:pk>/edit/", views.proposal_edit, name="edit_proposal"),
    path("proposals/<id:pk>/picture/", views.proposal_image, name="proposal_image"),
    path("proposals/<id:pk>/support/", views.proposal_support, name="support"),
    path("proposals/<id:pk>/comment/", views.proposal_comment, name="comment"),
    path("proposals/<id:pk>/review/", views.proposal_review, name="review"),
    path("proposals/<id:pk>/reply/", views.proposal_reply, name="reply"),
    path("proposals/<id:pk>/update/", views.implementation_update, name="update"),
    path("budgets/<id:pk>/vote/", views.ballot, name="ballot"),
    path("budgets/<id:pk>/results/", views.results, name="results"),
    path("budgets/<id:pk>/results.pb", views.results_download, {"kind": "pb"}, name="results_pb"),
    path(
        "budgets/<id:pk>/results.csv", views.results_download, {"kind": "csv"}, name="results_csv"
    ),
]
