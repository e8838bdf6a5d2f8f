"""Targeting in the Django admin. Rule edits go through the services, so they are checked and audited;
measures, levels, models and decisions are read-only here (their pages and services change them)."""

from django.contrib import admin

from . import services
from .models import ControlMeasure, FrequencyLevel, RiskModel, RuleProfile, TargetingDecision

RULE_FIELDS = services.RULE_FIELDS


@admin.register(RuleProfile)
class RuleProfileAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "hs_prefix",
        "origin",
        "direction",
        "channel",
        "percentage",
        "active",
        "updated_at",
    )
    list_filter = ("active", "channel", "direction")
    search_fields = ("name", "hs_prefix", "instruction")
    fields = RULE_FIELDS

    def save_model(self, request, obj, form, change):
        values = {f: form.cleaned_data.get(f, getattr(obj, f)) for f in RULE_FIELDS}
        if change:
            current = RuleProfile.objects.get(pk=obj.pk)
            services.rule_update(rule=current, actor=request.user, **values)
        else:
            obj.pk = services.rule_create(actor=request.user, **values).pk

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead, so past decisions stay explainable


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TargetingDecision)
class TargetingDecisionAdmin(ReadOnlyAdmin):
    list_display = ("declaration", "channel", "decided_by", "score", "random_control", "decided_at")
    list_filter = ("channel", "decided_by", "random_control")
    search_fields = ("declaration__number",)


@admin.register(ControlMeasure)
class ControlMeasureAdmin(ReadOnlyAdmin):
    list_display = ("id", "scope", "status", "consignments", "routed", "conforming_streak", "ends_on")
    list_filter = ("status", "scope")


@admin.register(FrequencyLevel)
class FrequencyLevelAdmin(ReadOnlyAdmin):
    list_display = ("origin", "commodity_group", "level", "inspected", "non_conforming", "rate", "group_rate")
    list_filter = ("level",)


@admin.register(RiskModel)
class RiskModelAdmin(ReadOnlyAdmin):
    list_display = ("name", "status", "train_from", "train_to", "rows", "promoted_at")
    list_filter = ("status",)
