from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from events.models import Event


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "format", "audience", "starts_at", "is_published"]
    list_filter = ["kind", "format", "audience", "is_published", "hub"]
    search_fields = ["title", "slug"]
