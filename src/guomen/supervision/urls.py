from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprises"),
    path("my/", views.my_enterprise, name="my_enterprise"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/credit/explained/", views.credit_explained, name="credit_explained"),
    path("my/credit/", views.my_credit, name="my_credit"),
    path("services/", views.service_list, name="services"),
    path("enterprises/<int:pk>/filing/", views.filing_action, name="filing_action"),
    path("enterprises/<int:pk>/override/", views.override, name="override"),
    path("enterprises/<int:pk>/override/clear/", views.override_clear, name="override_clear"),
    path("enterprises/<int:pk>/credit/", views.credit_record, name="credit_record"),
    path(
        "enterprises/<int:pk>/credit/<int:event_pk>/withdraw/", views.credit_withdraw, name="credit_withdraw"
    ),
    path(
        "enterprises/<int:pk>/credit/<int:event_pk>/evidence/",
        views.credit_evidence_file,
        name="credit_evidence_file",
    ),
    path("enterprises/<int:pk>/blacklist/", views.blacklist_propose, name="blacklist_propose"),
    path("enterprises/<int:pk>/conflict/", views.conflict_declare, name="conflict_declare"),
    path("applications/", views.application_list, name="applications"),
    path("applications/export.xlsx", views.application_export, name="application_export"),
    path("applications/new/<slug:kind>/", views.application_new, name="application_new"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("blacklist/", views.blacklist_list, name="blacklist"),
    path("blacklist/export.xlsx", views.blacklist_export, name="blacklist_export"),
    path("blacklist/<int:pk>/decide/", views.blacklist_decide, name="blacklist_decide"),
    path("blacklist/<int:pk>/petition/", views.petition_submit, name="petition_submit"),
    path("petitions/<int:pk>/decide/", views.petition_decide, name="petition_decide"),
    path("downgrades/<int:pk>/decide/", views.downgrade_decide, name="downgrade_decide"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/draw/", views.plan_draw, name="plan_draw"),
    path("checks/", views.my_checks, name="my_checks"),
    path("checks/<int:pk>/", views.check_detail, name="check_detail"),
    path("checks/<int:pk>/inspectors/", views.check_assign, name="check_assign"),
    path("checks/<int:pk>/publish/", views.check_publish, name="check_publish"),
    path("checks/<int:pk>/send-back/", views.check_send_back, name="check_send_back"),
    path("checks/<int:pk>/rectified/", views.check_rectified, name="check_rectified"),
    path("rules/", views.rules_page, name="rules"),
]
