from django.urls import path

from . import views

app_name = "enforcement"
urlpatterns = [
    path("", views.overview, name="list"),
    path("interviews/", views.interview_list, name="interviews"),
    path("interviews/export.xlsx", views.interview_export, name="interview_export"),
    path("interviews/<int:pk>/held/", views.interview_hold, name="interview_hold"),
    path("interviews/<int:pk>/cancel/", views.interview_cancel, name="interview_cancel"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/export.xlsx", views.commitment_export, name="commitment_export"),
    path("commitments/<int:pk>/broken/", views.commitment_break, name="commitment_break"),
    path("handovers/", views.handover_list, name="handovers"),
    path("handovers/export.xlsx", views.handover_export, name="handover_export"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover"),
    path("handovers/<int:pk>/status/", views.handover_status, name="handover_status"),
    path("partners/<int:pk>/status/", views.partner_status, name="partner_status"),
]
