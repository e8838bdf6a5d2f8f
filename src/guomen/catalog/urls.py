from django.urls import path

from . import list_views, review_views, views

app_name = "catalog"
urlpatterns = [
    path("hs/", list_views.hs_list, name="hs_list"),
    path("hs/export.xlsx", list_views.hs_export, name="hs_export"),
    path("hs/<str:code>/", views.hs_detail, name="hs_detail"),
    path("countries/", list_views.country_list, name="country_list"),
    path("countries/export.xlsx", list_views.country_export, name="country_export"),
    path("hazards/", list_views.hazard_list, name="hazard_list"),
    path("hazards/export.xlsx", list_views.hazard_export, name="hazard_export"),
    path("hazards/review/", review_views.hazard_review, name="hazard_review"),
    path("hazards/review/<int:pk>/", review_views.hazard_review_act, name="hazard_review_act"),
    path("hazards/new/", views.hazard_edit, name="hazard_create"),
    path("hazards/<int:pk>/", views.hazard_detail, name="hazard_detail"),
    path("hazards/<int:pk>/edit/", views.hazard_edit, name="hazard_edit"),
    path("hazards/<int:hazard_pk>/limits/new/", views.limit_edit, name="limit_create"),
    path("hazards/<int:hazard_pk>/limits/<int:pk>/edit/", views.limit_edit, name="limit_edit"),
    path("requirements/", list_views.requirement_list, name="requirement_list"),
    path("requirements/export.xlsx", list_views.requirement_export, name="requirement_export"),
    path("requirements/new/", views.requirement_edit, name="requirement_create"),
    path("requirements/<int:pk>/", views.requirement_detail, name="requirement_detail"),
    path("requirements/<int:pk>/edit/", views.requirement_edit, name="requirement_edit"),
    path("import/<slug:kind>/", views.import_page, name="import"),
    path("import/<slug:kind>/template.<str:fmt>", views.import_template, name="import_template"),
]
