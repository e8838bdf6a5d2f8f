from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ApiKey, OrgUnit, User


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "path")
    search_fields = ("code", "name")
    readonly_fields = ("path",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "org", "enterprise", "is_active")
    list_filter = ("role", "org")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Guomen", {"fields": ("role", "org", "enterprise", "display_name")}),
    )


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "user", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "last_used_at")
