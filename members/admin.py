from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from members.models import City, FocalPoint, GuidingPrinciples, StrategicPriority, ThematicArea


@admin.register(StrategicPriority)
class StrategicPriorityAdmin(TabbedTranslationAdmin):
    list_display = ["number", "name"]


@admin.register(ThematicArea)
class ThematicAreaAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "sort_order"]


@admin.register(GuidingPrinciples)
class GuidingPrinciplesAdmin(TabbedTranslationAdmin):
    list_display = ["version", "published_on"]


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country", "authority_type", "hub", "membership_status", "member_since"]
    list_filter = ["membership_status", "hub", "authority_type"]
    list_select_related = ["hub"]
    search_fields = ["name", "name_ar", "name_en", "name_fr", "slug"]
    filter_horizontal = ["priorities", "themes"]
    inlines = [FocalPointInline]
