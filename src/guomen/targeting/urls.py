from django.urls import path

from . import views

app_name = "targeting"
urlpatterns = [
    path("rule_list/", views.rule_list, name="rule_list"),
]
