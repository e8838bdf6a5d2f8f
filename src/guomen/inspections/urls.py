from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("my_tasks/", views.my_tasks, name="my_tasks"),
    path("my_tasks/export.xlsx", views.task_export, name="task_export"),
    path("scan/", views.scan, name="scan"),
    path("confirmations/", views.confirmations, name="confirmations"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/start/", views.task_start, name="task_start"),
    path("tasks/<int:pk>/result/", views.task_result, name="task_result"),
    path("tasks/<int:pk>/confirm/", views.task_confirm, name="task_confirm"),
    path("tasks/<int:pk>/send-back/", views.task_send_back, name="task_send_back"),
    path("tasks/<int:pk>/treatment-complete/", views.treatment_complete, name="treatment_complete"),
    path("tasks/<int:pk>/photos/", views.photo_upload, name="photo_upload"),
    path("tasks/<int:pk>/document.pdf", views.disposition_document, name="document"),
    path("tasks/<int:pk>/label.pdf", views.consignment_label, name="consignment_label"),
    path("tasks/<int:pk>/rectifications/new/", views.rectification_new, name="rectification_new"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("finding-row/", views.finding_row, name="finding_row"),
    path("followup/", views.board, name="followup"),
    path("rectifications/export.xlsx", views.rectification_export, name="rectification_export"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification_detail"),
    path(
        "rectifications/<int:pk>/files/<int:file_pk>/",
        views.rectification_file,
        name="rectification_file",
    ),
    path(
        "rectifications/<int:pk>/<str:action>/",
        views.rectification_act,
        name="rectification_act",
    ),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
]
