from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from resources.models import Resource


@admin.register(Resource)
class ResourceAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "status", "featured", "published_at"]
    list_filter = ["status", "kind", "featured"]
    search_fields = ["title", "slug"]
    filter_horizontal = ["themes"]
