from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("my_tasks/", views.my_tasks, name="my_tasks"),
    path("confirmations/", views.confirmations, name="confirmations"),
]
