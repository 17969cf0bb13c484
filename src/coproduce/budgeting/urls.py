from django.urls import path

from coproduce.budgeting import views

app_name = "budgeting"

urlpatterns = [
    path("new/<slug:slug>/", views.process_create, name="create"),
    path("<int:pk>/", views.process_detail, name="process"),
    path("<int:pk>/manage/", views.process_manage, name="manage"),
    path("<int:pk>/propose/", views.proposal_create, name="propose"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="edit_proposal"),
    path("proposals/<int:pk>/picture/", views.proposal_image, name="proposal_image"),
    path("proposals/<int:pk>/support/", views.proposal_support, name="support"),
    path("proposals/<int:pk>/comment/", views.proposal_comment, name="comment"),
    path("proposals/<int:pk>/review/", views.proposal_review, name="review"),
    path("proposals/<int:pk>/reply/", views.proposal_reply, name="reply"),
    path("proposals/<int:pk>/update/", views.implementation_update, name="update"),
    path("budgets/<int:pk>/vote/", views.ballot, name="ballot"),
    path("budgets/<int:pk>/results/", views.results, name="results"),
    path("budgets/<int:pk>/results.pb", views.results_download, {"kind": "pb"}, name="results_pb"),
    path(
        "budgets/<int:pk>/results.csv", views.results_download, {"kind": "csv"}, name="results_csv"
    ),
]
