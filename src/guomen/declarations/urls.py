from django.urls import path

from . import views

app_name = "declarations"
urlpatterns = [
    path("list/", views.list, name="list"),
]
