from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("enterprise_list/", views.enterprise_list, name="enterprise_list"),
    path("base_list/", views.base_list, name="base_list"),
]
