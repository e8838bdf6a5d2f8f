"""Targeting in the Django admin. Rule edits go through the services, so they are checked and audited."""

from django.contrib import admin

from . import services
from .models import SimpleRule, TargetingDecision

RULE_FIELDS = ["name", "hs_prefix", "origin", "direction", "channel", "instruction", "active"]


@admin.register(SimpleRule)
class SimpleRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "hs_prefix", "origin", "direction", "channel", "active", "updated_at")
    list_filter = ("active", "channel", "direction")
    search_fields = ("name", "hs_prefix", "instruction")
    fields = RULE_FIELDS

    def save_model(self, request, obj, form, change):
        values = {f: form.cleaned_data.get(f, getattr(obj, f)) for f in RULE_FIELDS}
        if change:
            current = SimpleRule.objects.get(pk=obj.pk)
            services.rule_update(rule=current, actor=request.user, **values)
        else:
            obj.pk = services.rule_create(actor=request.user, **values).pk

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead, so past decisions stay explainable


@admin.register(TargetingDecision)
class TargetingDecisionAdmin(admin.ModelAdmin):
    list_display = ("declaration", "channel", "decided_by", "decided_at")
    list_filter = ("channel", "decided_by")
    search_fields = ("declaration__number",)
    readonly_fields = ("declaration", "channel", "reasons", "instruction", "decided_by", "decided_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
