from django.urls import path

from . import views

app_name = "labs"
urlpatterns = [
    path("tasks/<int:task_pk>/samples/new/", views.sample_new, name="sample_new"),
    path("tasks/<int:task_pk>/samples/", views.task_samples, name="task_samples"),
    path("samples/", views.sample_list, name="sample_list"),
    path("samples/export.xlsx", views.sample_export, name="sample_export"),
    path("samples/<int:pk>/", views.sample_detail, name="sample_detail"),
    path("samples/<int:pk>/label.pdf", views.sample_label, name="sample_label"),
    path("samples/<int:pk>/custody/", views.custody, name="custody"),
    path("samples/<int:pk>/results/", views.result_add, name="result_add"),
    path("samples/<int:pk>/submit/", views.results_submit_view, name="submit"),
    path("samples/<int:pk>/approve/", views.results_decide, {"decision": "approve"}, name="approve"),
    path("samples/<int:pk>/return/", views.results_decide, {"decision": "return"}, name="return"),
    path("samples/<int:pk>/reject/", views.sample_reject_view, name="reject"),
    path("queue/", views.queue, name="queue"),
    path("receive/", views.receive, name="receive"),
    path("analytes/", views.analyte_options, name="analyte_options"),
    path("overdue/", views.overdue, name="overdue"),
]
