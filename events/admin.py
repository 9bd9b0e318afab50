from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from events import services
from events.forms import EventAdminForm
from events.models import Event, EventNotice, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "city", "status", "interpretation_language", "created_at"]
    readonly_fields = ["user", "city", "status", "interpretation_language", "created_at"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # people register through the portal, which keeps the waiting list fair


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "format", "audience", "hub", "starts_at", "is_published"]
    list_filter = ["kind", "format", "audience", "organiser", "is_published", "hub"]
    list_select_related = ["hub"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["themes", "resources"]
    autocomplete_fields = []
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "is_published"]}),
        (
            _("Kind"),
            {
                "fields": [
                    "kind",
                    "format",
                    "audience",
                    "organiser",
                    "partner_name",
                    "hub",
                    "themes",
                ]
            },
        ),
        (
            _("When and where"),
            {
                "fields": [
                    "time_zone",
                    "starts_at",
                    "ends_at",
                    "venue",
                    "city",
                    "location_name",
                    "online_url",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                    "interpretation_languages",
                ]
            },
        ),
        (_("After the event"), {"fields": ["feedback_url", "resources"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            # New seats go to the waiting list, in order (the form refused a capacity
            # below the seats already taken).
            services.promote_from_waiting_list(obj)


class EventNoticeInline(admin.TabularInline):
    """The emails owed and sent for a registration (each kind goes out once)."""

    model = EventNotice
    extra = 0
    fields = readonly_fields = ["kind", "created_at", "sent_at", "skipped_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    inlines = [EventNoticeInline]
    list_display = ["user", "event", "city", "status", "created_at"]
    list_filter = ["status", "event__kind"]
    list_select_related = ["user", "event", "city"]
    search_fields = ["user__email", "user__display_name", "event__title"]
    raw_id_fields = ["user", "event", "city", "registered_by", "attendance_marked_by"]
    readonly_fields = ["status", "queued_at", "created_at"]
