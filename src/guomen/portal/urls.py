from django.urls import path

from guomen.certificates.views import public_verify

from . import export_views, staff_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("warnings/", views.warnings, name="warnings"),
    path("spot-checks/", views.spot_checks, name="spot_checks"),
    path("spot-checks/export.xlsx", export_views.spot_check_export, name="spot_check_export"),
    path("blacklist/", views.blacklist, name="blacklist"),
    path("blacklist/export.xlsx", export_views.blacklist_export, name="blacklist_export"),
    path("credit/", views.credit, name="credit"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/export.xlsx", export_views.decision_export, name="decision_export"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("requirements/", views.requirements, name="requirements"),
    path("requirements/export.xlsx", export_views.requirement_export, name="requirement_export"),
    path("requirements/<int:pk>/", views.requirement, name="requirement"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("consignment/", views.consignment, name="consignment"),
    path("certificate/", public_verify, name="certificate"),
    path("manage/decisions/", staff_views.decision_admin, name="decision_admin"),
    path("manage/decisions/export.xlsx", staff_views.decision_admin_export, name="decision_admin_export"),
    path("manage/decisions/new/", staff_views.decision_edit, name="decision_create"),
    path("manage/decisions/<int:pk>/", staff_views.decision_detail, name="decision_detail"),
    path("manage/decisions/<int:pk>/edit/", staff_views.decision_edit, name="decision_edit"),
    path("manage/decisions/<int:pk>/publish/", staff_views.decision_publish, name="decision_publish"),
]
