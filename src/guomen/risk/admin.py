from django.contrib import admin

from .models import (
    Assessment,
    CommodityMapping,
    EarlyWarning,
    ForeignNotification,
    Measure,
    RiskCluster,
    RiskSignal,
)


@admin.register(RiskSignal)
class RiskSignalAdmin(admin.ModelAdmin):
    list_display = ("occurred_on", "source", "title", "hazard", "origin", "org", "cluster")
    list_filter = ("source",)
    search_fields = ("title", "source_ref")
    raw_id_fields = ("hs", "hazard", "enterprise", "production_base", "cluster", "created_by")


@admin.register(RiskCluster)
class RiskClusterAdmin(admin.ModelAdmin):
    list_display = ("hazard", "dimension", "status", "signal_count", "first_seen", "last_seen", "org")
    list_filter = ("status", "dimension")
    raw_id_fields = ("hazard", "enterprise", "production_base")


@admin.register(ForeignNotification)
class ForeignNotificationAdmin(admin.ModelAdmin):
    list_display = ("reference", "notified_at", "classification", "risk_decision", "commodity_group")
    list_filter = ("classification", "risk_decision")
    search_fields = ("reference", "subject")
    filter_horizontal = ()
    raw_id_fields = ("origins", "hazards")


@admin.register(CommodityMapping)
class CommodityMappingAdmin(admin.ModelAdmin):
    list_display = ("kind", "text", "commodity_group", "reviewed")
    list_filter = ("kind", "reviewed")


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    raw_id_fields = ("owner", "enterprise", "production_base")


@admin.register(EarlyWarning)
class EarlyWarningAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "status", "classification", "org", "published_at")
    list_filter = ("status", "classification")
    search_fields = ("number", "title")
    raw_id_fields = ("assessment", "follow_up_of", "hazard", "enterprise", "production_base")
    inlines = [MeasureInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("created_at", "risk_decision", "classification", "assessed_by", "org")
    raw_id_fields = ("cluster", "signal")
