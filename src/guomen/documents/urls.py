from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_edit, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/file/", views.document_file, name="file"),
    path("<int:pk>/supersede/", views.document_supersede, name="supersede"),
    path("<int:pk>/reindex/", views.document_reindex, name="reindex"),
]
