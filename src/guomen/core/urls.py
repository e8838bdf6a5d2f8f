from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("approvals/", views.approvals, name="approvals"),
    path("healthz", views.healthz, name="healthz"),
]
