"""Inspections admin: read the tasks; status changes go through the services, not the admin."""

from django.contrib import admin

from .models import Finding, InspectionTask, RectificationRequest


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    raw_id_fields = ["hazard"]
    readonly_fields = ["created_at"]


@admin.register(InspectionTask)
class InspectionTaskAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "declaration",
        "port",
        "channel",
        "priority",
        "status",
        "due_date",
        "assignee",
        "outcome",
        "disposition",
    ]
    list_filter = ["status", "channel", "outcome", "disposition", "port"]
    search_fields = ["declaration__number", "declaration__transport_id", "assignee__username"]
    date_hierarchy = "due_date"
    list_select_related = ["declaration", "port", "assignee"]
    raw_id_fields = ["declaration", "assignee"]
    readonly_fields = [
        "status",
        "version",
        "outcome",
        "proposed_disposition",
        "recorded_by",
        "recorded_at",
        "disposition",
        "confirmed_by",
        "confirmed_at",
        "created_at",
        "updated_at",
    ]
    inlines = [FindingInline]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["id", "task", "hazard", "description", "count", "created_at"]
    search_fields = ["description", "hazard__name_zh", "hazard__code", "task__declaration__number"]
    list_select_related = ["task", "hazard"]
    raw_id_fields = ["task", "hazard"]


@admin.register(RectificationRequest)
class RectificationRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are issued, answered and closed through the services (audited)."""

    list_display = ["id", "subject", "enterprise", "org", "status", "due_date", "owner", "reminders"]
    list_filter = ["status"]
    search_fields = ["subject", "enterprise__name_zh", "enterprise__uscc"]
    list_select_related = ["enterprise", "org", "owner"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
