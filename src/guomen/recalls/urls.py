from django.urls import path

from . import views

app_name = "recalls"
urlpatterns = [
    path("", views.recall_list, name="list"),
    path("export.xlsx", views.recall_export, name="export"),
    path("new/", views.recall_new, name="new"),
    path("<slug:number>/", views.recall_detail, name="detail"),
    path("<slug:number>/affected/", views.recall_affected, name="affected"),
    path("<slug:number>/status/", views.recall_status, name="status"),
    path("<slug:number>/progress/", views.recall_progress, name="progress"),
    path("<slug:number>/warn/", views.recall_warn, name="warn"),
]
