from django.urls import path

from . import views

app_name = "tracebacks"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("export.xlsx", views.notification_export, name="export"),
    path("new/", views.notification_new, name="new"),
    path("rematch/", views.rematch, name="rematch"),
    path("<int:pk>/", views.notification_detail, name="detail"),
    path("<int:pk>/confirm/<int:candidate>/", views.confirm, name="confirm"),
    path("<int:pk>/no-match/", views.no_match, name="no_match"),
    path("cases/", views.cases, name="cases"),
    path("cases/export.xlsx", views.case_export, name="case_export"),
    path("cases/<slug:number>/", views.case_detail, name="case"),
    path("cases/<slug:number>/<str:action>/", views.case_act, name="case_act"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
]
