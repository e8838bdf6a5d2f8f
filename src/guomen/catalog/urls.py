from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("hs_list/", views.hs_list, name="hs_list"),
]
