from django.urls import path

from . import ephyto_views, views

app_name = "declarations"
urlpatterns = [
    path("list/", views.declaration_list, name="list"),
    path("new/", views.declaration_new, name="new"),
    path("new/line/", views.line_form, name="line_form"),
    path("import/", views.bulk_import, name="bulk_import"),
    path("import/template/", views.bulk_template, name="bulk_template"),
    path("ephyto/", ephyto_views.ephyto_upload, name="ephyto_upload"),
    path("ephyto/<int:pk>/", ephyto_views.ephyto_detail, name="ephyto_detail"),
    path("<str:number>/", views.declaration_detail, name="detail"),
    path("<str:number>/cancel/", views.declaration_cancel_view, name="cancel"),
]
