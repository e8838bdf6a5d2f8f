from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kpis/", views.kpis, name="kpis"),
    path("statistics/", views.statistics, name="statistics"),
    path("records/", views.records, name="records"),
    path("export/inspections.parquet", views.export_history, name="export_history"),
    path("export/<slug:name>.<str:fmt>", views.export_table, name="export_table"),
    path("quality/", views.quality_reports, name="quality_reports"),
    path("quality/<int:pk>/download/", views.report_download, name="report_download"),
    path("jobs/<int:pk>/", views.job, name="job"),
]
