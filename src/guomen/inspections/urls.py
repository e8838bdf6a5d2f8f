from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("my_tasks/", views.my_tasks, name="my_tasks"),
    path("confirmations/", views.confirmations, name="confirmations"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/start/", views.task_start, name="task_start"),
    path("tasks/<int:pk>/result/", views.task_result, name="task_result"),
    path("tasks/<int:pk>/confirm/", views.task_confirm, name="task_confirm"),
    path("tasks/<int:pk>/send-back/", views.task_send_back, name="task_send_back"),
    path("tasks/<int:pk>/treatment-complete/", views.treatment_complete, name="treatment_complete"),
    path("finding-row/", views.finding_row, name="finding_row"),
]
