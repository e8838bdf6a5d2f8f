from django.urls import path

from . import views

app_name = "clearance"
urlpatterns = [
    path("overrides/", views.override_list, name="overrides"),
    path("overrides/export.xlsx", views.override_export, name="override_export"),
    path("overrides/<int:pk>/", views.override_detail, name="override_detail"),
    path("tasks/<int:task_pk>/override/", views.override_request, name="override_request"),
]
