from django.urls import path

from coproduce.drafts import views

app_name = "drafts"

DRAFT = "<slug:slug>/drafts/<id:pk>/"
VERSION = DRAFT + "versions/<id:number>/"

urlpatterns = [
    path("<slug:slug>/drafts/", views.drafts, name="list"),
    path(DRAFT, views.detail, name="detail"),
    path(DRAFT + "group/", views.group, name="group"),
    path(DRAFT + "edit/", views.edit, name="edit"),
    path(DRAFT + "versions/", views.versions, name="versions"),
    path(VERSION, views.version, name="version"),
    path(VERSION + "print/", views.print_version, name="print"),
    path(VERSION + "draft.md", views.markdown, name="markdown"),
    path(DRAFT + "compare/", views.compare, name="compare"),
    path(DRAFT + "amendments/new/", views.propose, name="propose"),
    path(DRAFT + "amendments/<id:amendment>/", views.amendment, name="amendment"),
    path(DRAFT + "adopt/", views.adopt, name="adopt"),
]
