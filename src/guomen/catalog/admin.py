from django.contrib import admin

from .models import CommodityGroup, Country, Hazard, HsCode, ImportRequirement, ResidueLimit


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "alpha3", "name_zh", "name_en")
    search_fields = ("code", "alpha3", "name_zh", "name_en")


@admin.register(CommodityGroup)
class CommodityGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en")
    search_fields = ("code", "name_zh", "name_en")


@admin.register(HsCode)
class HsCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "level", "name_zh", "name_en", "group")
    list_filter = ("level", "group")
    search_fields = ("code", "name_zh", "name_en")
    raw_id_fields = ("parent",)


class ResidueLimitInline(admin.TabularInline):
    model = ResidueLimit
    raw_id_fields = ("hs",)
    extra = 0


@admin.register(Hazard)
class HazardAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "name_zh", "scientific_name", "needs_review")
    list_filter = ("kind", "needs_review")
    search_fields = ("code", "name_zh", "name_en", "scientific_name")
    inlines = [ResidueLimitInline]


@admin.register(ImportRequirement)
class ImportRequirementAdmin(admin.ModelAdmin):
    list_display = ("hs", "origin", "access_granted", "registered_base_required")
    list_filter = ("access_granted", "registered_base_required", "origin")
    search_fields = ("hs__code", "hs__name_zh", "origin__name_zh")
    raw_id_fields = ("hs",)
    filter_horizontal = ("pests",)
