from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("export.xlsx", views.campaign_export, name="export"),
    path("new/", views.campaign_new, name="new"),
    path("<slug:code>/", views.campaign_detail, name="detail"),
    path("<slug:code>/activities/", views.activity_add, name="activity_add"),
    path("<slug:code>/outreach/", views.outreach_add, name="outreach_add"),
    path("<slug:code>/links/", views.link_add, name="link_add"),
    path("<slug:code>/status/", views.status_change, name="status"),
    path("<slug:code>/report.<str:fmt>", views.report, name="report"),
]
