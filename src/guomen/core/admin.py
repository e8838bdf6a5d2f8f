from django.contrib import admin

from .models import AuditEvent, JobRun, ScheduledRun


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("id", "at", "actor_label", "verb", "object_type", "object_id", "object_repr")
    list_filter = ("verb", "object_type")
    search_fields = ("object_id", "object_repr", "actor_label")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "progress", "created_at", "finished_at")


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ("name", "due_at", "enqueued_at", "manual", "result_id")
    list_filter = ("name", "manual")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
