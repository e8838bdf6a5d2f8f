from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("declarations/", views.declaration_list, name="declarations"),
    path("documents/<int:task_pk>.pdf", views.document, name="document"),
]
