from django.urls import path

from . import views

app_name = "certification"
urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("export.xlsx", views.certificate_export, name="export"),
    path("new/", views.certificate_new, name="new"),
    path("misuse/", views.misuse_list, name="misuse"),
    path("misuse/export.xlsx", views.misuse_export, name="misuse_export"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/export.xlsx", views.catalogue_export, name="catalogue_export"),
    path("catalogue/<int:pk>/", views.catalogue_entry, name="catalogue_entry"),
    path("catalogue/<int:pk>/retire/", views.catalogue_retire, name="catalogue_retire"),
    path("misuse/<int:pk>/decide/", views.misuse_decide, name="misuse_decide"),
    path("checks/<int:pk>/record/", views.check_record, name="check_record"),
    path("checks/<int:pk>/close/", views.check_close, name="check_close"),
    path("<int:pk>/", views.certificate_detail, name="detail"),
    path("<int:pk>/status/", views.certificate_status, name="status"),
    path("<int:pk>/checks/", views.check_plan, name="check_plan"),
]
