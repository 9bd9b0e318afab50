from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from hubs.models import Hub, HubCountry, HubStaff


class HubCountryInline(admin.TabularInline):
    model = HubCountry
    extra = 0


class HubStaffInline(admin.TabularInline):
    model = HubStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Hub)
class HubAdmin(TabbedTranslationAdmin):
    list_display = ["name", "status", "launched_year", "contact_email"]
    search_fields = ["name", "name_ar", "name_en", "name_fr", "slug"]
    inlines = [HubCountryInline, HubStaffInline]
