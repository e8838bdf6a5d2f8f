from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/export.xlsx", views.enterprise_export, name="enterprise_export"),
    path("enterprises/new/", views.enterprise_edit, name="enterprise_create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("bases/", views.base_list, name="base_list"),
    path("bases/export.xlsx", views.base_export, name="base_export"),
    path("bases/new/", views.base_edit, name="base_create"),
    path("bases/<int:pk>/", views.base_detail, name="base_detail"),
    path("bases/<int:pk>/edit/", views.base_edit, name="base_edit"),
    path("bases/<int:pk>/status/", views.base_status, name="base_status"),
    path("import/<slug:kind>/", views.import_page, name="import"),
    path("import/<slug:kind>/template.<str:fmt>", views.import_template, name="import_template"),
]
