from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.site_list, name="sites"),
    path("export.xlsx", views.site_export, name="site_export"),
    path("sites/new/", views.site_new, name="site_new"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("sites/<int:pk>/status/", views.site_status, name="site_status"),
    path("sites/<int:pk>/review/", views.site_review, name="site_review"),
    path("sites/<int:pk>/inputs/new/", views.input_new, name="input_new"),
    path("sites/<int:pk>/batches/new/", views.batch_new, name="batch_new"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/export.xlsx", views.batch_export, name="batch_export"),
    path("batches/<str:number>/", views.batch_detail, name="batch"),
    path("declarations/<str:number>/", views.declaration_detail, name="declaration"),
    path("declarations/<str:number>/loading/", views.loading_new, name="loading_new"),
    path("loading-photos/<int:pk>/", views.loading_photo, name="loading_photo"),
]
