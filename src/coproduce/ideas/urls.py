from django.urls import path

from coproduce.ideas import views

app_name = "ideas"

urlpatterns = [
    path("<slug:slug>/ideas/", views.idea_list, name="list"),
    path("<slug:slug>/ideas/new/", views.idea_new, name="new"),
    path("<slug:slug>/ideas/moderation-log/", views.moderation_log, name="log"),
    path("<slug:slug>/ideas/<id:pk>/", views.idea_detail, name="detail"),
    path("<slug:slug>/ideas/<id:pk>/picture/", views.idea_picture, name="picture"),
    path("<slug:slug>/ideas/<id:pk>/support/", views.idea_support, name="support"),
    path("<slug:slug>/ideas/<id:pk>/unsupport/", views.idea_unsupport, name="unsupport"),
    path("<slug:slug>/ideas/<id:pk>/moderate/", views.idea_moderate, name="moderate"),
    path("<slug:slug>/ideas/<id:pk>/merge/", views.idea_merge, name="merge"),
    path("<slug:slug>/ideas/<id:pk>/answer/", views.idea_answer, name="answer"),
    path(
        "<slug:slug>/ideas/comments/<id:pk>/moderate/",
        views.comment_moderate,
        name="moderate_comment",
    ),
]
