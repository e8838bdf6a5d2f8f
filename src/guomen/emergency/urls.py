from django.urls import path

from . import views

app_name = "emergency"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("export.xlsx", views.plan_export, name="export"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/drills/", views.drill_record, name="drill_record"),
    path("activations/new/", views.activation_new, name="activation_new"),
    path("activations/<int:pk>/", views.activation_detail, name="activation"),
    path("activations/<int:pk>/tasks/", views.task_add, name="task_add"),
    path("activations/<int:pk>/tasks/<int:task>/done/", views.task_done, name="task_done"),
    path("activations/<int:pk>/duties/", views.duty_add, name="duty_add"),
    path("activations/<int:pk>/reports/", views.report_add, name="report_add"),
    path("activations/<int:pk>/close/", views.activation_close, name="activation_close"),
]
