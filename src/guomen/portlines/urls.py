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
    path("agencies/", views.agencies, name="agencies"),
    path("agencies/new/", views.agency_new, name="agency_new"),
    path("agencies/<int:pk>/", views.agency, name="agency"),
    path("agencies/<int:pk>/status/", views.agency_status, name="agency_status"),
    path("agencies/<int:pk>/register/", views.agency_register, name="agency_register"),
    path("agencies/<int:pk>/review/", views.agency_review, name="agency_review"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("monitoring/new/", views.monitoring_new, name="monitoring_new"),
    path("monitoring/<int:pk>/status/", views.monitoring_close, name="monitoring_status"),
    path("makers/", views.makers, name="makers"),
    path("makers/new/", views.maker_new, name="maker_new"),
    path("makers/<int:pk>/status/", views.maker_status, name="maker_status"),
    path("tests/", views.tests, name="tests"),
    path("tests/new/", views.test_new, name="test_new"),
    path("tests/<int:pk>/status/", views.test_status, name="test_status"),
]
