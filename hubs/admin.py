from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from hubs.models import (
    CannedReply,
    Consultation,
    Hub,
    HubCountry,
    HubStaff,
    Need,
    PeerExchange,
    ServiceLevel,
    Stakeholder,
    SupportFundRequest,
    Ticket,
)


class HubCountryInline(admin.TabularInline):
    model = HubCountry
    extra = 0


class ServiceLevelInline(admin.TabularInline):
    model = ServiceLevel
    extra = 0


class HubStaffInline(admin.TabularInline):
    model = HubStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Hub)
class HubAdmin(TabbedTranslationAdmin):
    list_display = ["name", "status", "launched_year", "contact_email"]
    search_fields = ["name", "name_ar", "name_en", "name_fr", "slug"]
    inlines = [HubCountryInline, HubStaffInline, ServiceLevelInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Cities follow the countries the hub now covers (unless their hub was chosen
        # by hand).
        from members.services import refresh_city_hubs

        refresh_city_hubs()


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "hub", "country", "contact_name"]
    list_filter = ["hub", "kind"]
    search_fields = ["name", "contact_name", "email"]


@admin.register(CannedReply)
class CannedReplyAdmin(TabbedTranslationAdmin):
    list_display = ["title", "hub"]
    list_filter = ["hub"]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-mostly: requests are answered on the helpdesk pages, where internal notes
    and emails follow the rules; the admin is for corrections."""

    list_display = ["reference", "subject", "city", "hub", "status", "priority", "created_at"]
    list_filter = ["hub", "status", "category", "priority"]
    search_fields = ["reference", "subject"]
    list_select_related = ["city", "hub"]
    readonly_fields = ["reference", "opened_by", "created_at", "first_response_at"]
    raw_id_fields = ["city", "assignee"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["city", "hub", "urgency", "status", "created_at"]
    list_filter = ["hub", "urgency", "status"]
    list_select_related = ["city", "hub"]
    raw_id_fields = ["city"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["city", "hub", "held_on"]
    list_filter = ["hub"]
    list_select_related = ["city", "hub"]
    raw_id_fields = ["city"]


@admin.register(SupportFundRequest)
class SupportFundRequestAdmin(admin.ModelAdmin):
    list_display = ["city", "hub", "status", "estimated_budget", "created_at"]
    list_filter = ["hub", "status"]
    list_select_related = ["city", "hub"]
    raw_id_fields = ["city"]


@admin.register(PeerExchange)
class PeerExchangeAdmin(admin.ModelAdmin):
    list_display = ["topic", "city", "hub", "status", "held_on"]
    list_filter = ["hub", "status"]
    list_select_related = ["city", "hub"]
    raw_id_fields = ["city", "event"]
    filter_horizontal = ["peers"]
