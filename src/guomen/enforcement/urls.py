from django.urls import path

from . import views

app_name = "enforcement"
urlpatterns = [
    path("", views.overview, name="list"),
    path("interviews/<int:pk>/held/", views.interview_hold, name="interview_hold"),
    path("partners/<int:pk>/status/", views.partner_status, name="partner_status"),
]
