from django.contrib import admin

from .models import Enterprise, ProductionBase


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "uscc", "kind", "filing_status", "org", "credit_grade")
    list_filter = ("kind", "filing_status", "credit_grade", "org")
    search_fields = ("name_zh", "name_en", "uscc")


@admin.register(ProductionBase)
class ProductionBaseAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "country", "status")
    list_filter = ("kind", "status", "country")
    search_fields = ("code", "name", "name_en", "operator_name")
    raw_id_fields = ("enterprise", "commodities")
