"""Laboratory admin: laboratories are edited here; samples are read (status changes go through services)."""

from django.contrib import admin

from .models import CustodyEvent, Laboratory, Sample, TestItem


@admin.register(Laboratory)
class LaboratoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "org", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name"]
    raw_id_fields = ["org"]


class CustodyInline(admin.TabularInline):
    model = CustodyEvent
    extra = 0
    can_delete = False
    readonly_fields = ["step", "at", "by", "scanned_code", "note"]


class TestItemInline(admin.TabularInline):
    model = TestItem
    extra = 0
    can_delete = False
    readonly_fields = [
        "test",
        "analyte",
        "value",
        "unit",
        "lod",
        "detected",
        "limit_value",
        "limit_unit",
        "verdict",
        "entered_by",
        "entered_at",
    ]


@admin.register(Sample)
class SampleAdmin(admin.ModelAdmin):
    list_display = ["number", "declaration", "laboratory", "status", "verdict", "due_date", "created_at"]
    list_filter = ["status", "verdict", "laboratory", "sample_type"]
    search_fields = ["number", "declaration__number"]
    list_select_related = ["declaration", "laboratory"]
    date_hierarchy = "due_date"
    raw_id_fields = ["task", "declaration", "line", "port", "registered_by", "approved_by"]
    readonly_fields = [
        "number",
        "status",
        "verdict",
        "version",
        "approved_by",
        "approved_at",
        "created_at",
        "updated_at",
    ]
    inlines = [CustodyInline, TestItemInline]

    def has_add_permission(self, request):
        return False
