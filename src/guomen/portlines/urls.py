from django.urls import path

from . import views

app_name = "portlines"
urlpatterns = [
    path("licences/", views.licences, name="licences"),
    path("licences/new/", views.licence_new, name="licence_new"),
    path("licences/<int:pk>/status/", views.licence_status, name="licence_status"),
    path("licences/<int:pk>/grade/", views.licence_grade, name="licence_grade"),
    path("consignees/", views.consignees, name="consignees"),
    path("consignees/new/", views.consignee_new, name="consignee_new"),
    path("consignees/<int:pk>/status/", views.consignee_status, name="consignee_status"),
    path("consignees/<int:pk>/register/", views.consignee_register, name="consignee_register"),
    path("consignees/<int:pk>/review/", views.consignee_review, name="consignee_review"),
    path("findings/", views.findings, name="findings"),
    path("findings/new/", views.finding_new, name="finding_new"),
    path("findings/<int:pk>/decide/", views.finding_decide, name="finding_decide"),
    path("uses/", views.uses, name="uses"),
    path("uses/new/", views.use_new, name="use_new"),
    path("uses/<int:pk>/status/", views.use_status, name="use_status"),
]
