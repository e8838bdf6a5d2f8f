"""Declarations in the Django admin: read-only, since intake and status changes go through the services
(which validate, number and audit them)."""

from django.contrib import admin

from .models import Declaration, DeclarationDocument, DeclarationLine


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LineInline(ReadOnlyMixin, admin.TabularInline):
    model = DeclarationLine
    extra = 0
    fields = ("line_no", "hs", "description", "quantity", "unit", "net_weight_kg", "value", "currency")


class DocumentInline(ReadOnlyMixin, admin.TabularInline):
    model = DeclarationDocument
    extra = 0
    fields = ("type", "number", "issued_on")


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "status", "channel", "port", "declarant", "origin_country", "arrival_date")
    list_filter = ("status", "channel", "direction", "transport", "port")
    search_fields = ("number", "declarant__uscc", "declarant__name_zh", "transport_id")
    date_hierarchy = "arrival_date"
    list_select_related = ("port", "declarant", "origin_country")
    inlines = [LineInline, DocumentInline]
