from django.urls import path

from . import views

app_name = "risk"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("signals/", views.signal_list, name="signal_list"),
    path("signals/new/", views.signal_new, name="signal_new"),
    path("signals/<int:pk>/", views.signal_detail, name="signal_detail"),
    path("signals/<int:pk>/assess/", views.signal_assess, name="signal_assess"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/export.xlsx", views.cluster_export, name="cluster_export"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/assess/", views.cluster_detail, name="cluster_assess"),
    path("clusters/<int:pk>/close/", views.cluster_close, name="cluster_close"),
    path("warnings/", views.warning_list, name="warning_list"),
    path("warnings/export.xlsx", views.warning_export, name="warning_export"),
    path("warnings/new/", views.warning_new, name="warning_new"),
    path("warnings/<int:pk>/", views.warning_detail, name="warning_detail"),
    path("warnings/<int:pk>/measures/", views.measure_new, name="measure_new"),
    path("warnings/<int:pk>/<str:action>/", views.warning_action, name="warning_action"),
    path("measures/<int:pk>/<str:action>/", views.measure_action, name="measure_action"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", views.notification_detail, name="notification_detail"),
    path("mapping/", views.mapping_list, name="mapping_list"),
    path("mapping/<int:pk>/", views.mapping_edit, name="mapping_edit"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox_read"),
]
