from django.urls import path

from .views import decisions, lab, measures, rules

app_name = "targeting"
urlpatterns = [
    path("rules/", rules.rule_list, name="rule_list"),
    path("rules/export.xlsx", rules.rule_export, name="rule_export"),
    path("rules/new/", rules.rule_new, name="rule_new"),
    path("rules/<int:pk>/", rules.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/deactivate/", rules.rule_deactivate, name="rule_deactivate"),
    path("measures/", measures.measure_list, name="measure_list"),
    path("measures/export.xlsx", measures.measure_export, name="measure_export"),
    path("measures/new/", measures.measure_new, name="measure_new"),
    path("measures/<int:pk>/", measures.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/extend/", measures.measure_extend, name="measure_extend"),
    path("measures/<int:pk>/lift/", measures.measure_lift, name="measure_lift"),
    path("levels/", lab.level_list, name="level_list"),
    path("levels/export.xlsx", lab.level_export, name="level_export"),
    path("levels/recompute/", lab.level_recompute, name="level_recompute"),
    path("models/", lab.model_list, name="model_list"),
    path("models/<int:pk>/", lab.model_detail, name="model_detail"),
    path("models/<int:pk>/promote/", lab.model_action, {"action": "promote"}, name="model_promote"),
    path("models/<int:pk>/retire/", lab.model_action, {"action": "retire"}, name="model_retire"),
    path("backtest/", lab.backtest, name="backtest"),
    path("jobs/<int:pk>/", lab.job_detail, name="job_detail"),
    path("settings/", lab.settings_view, name="settings"),
    path("decisions/<str:number>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<str:number>/reroute/", decisions.decision_reroute, name="decision_reroute"),
]
