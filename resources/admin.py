from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from resources import services
from resources.models import Resource, ResourceAttachment, ResourceLink


class AttachmentInline(admin.TabularInline):
    model = ResourceAttachment
    extra = 0
    fields = ["language", "title", "file", "size", "sort_order"]
    readonly_fields = ["size"]


class LinkInline(admin.TabularInline):
    model = ResourceLink
    extra = 0
    fields = ["label", "url", "language", "sort_order"]


@admin.register(Resource)
class ResourceAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "status", "featured", "publication_date", "submitted_city"]
    list_filter = ["status", "kind", "featured", "in_ar", "in_en", "in_fr", "themes", "hubs"]
    search_fields = ["title_en", "title_fr", "title_ar", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["themes", "priorities", "hubs", "cities"]
    autocomplete_fields = ["spotlight_city"]
    readonly_fields = ["submitted_by", "submitted_city", "submitted_language", "published_at"]
    list_select_related = ["submitted_city"]
    inlines = [AttachmentInline, LinkInline]
    actions = ["publish", "archive"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body", "cover_image"]}),
        (
            _("Workflow"),
            {
                "fields": ["status", "featured", "published_at"],
                "description": _(
                    "Only published resources are public. Use “View on site” to preview "
                    "the public page before publishing."
                ),
            },
        ),
        (
            _("Where it comes from"),
            {
                "fields": [
                    ("in_ar", "in_en", "in_fr"),
                    "author_organisation",
                    "publication_date",
                    "themes",
                    "priorities",
                    "hubs",
                    "cities",
                ]
            },
        ),
        (
            _("Good practice"),
            {
                "classes": ["collapse"],
                "fields": [
                    "approach",
                    "aim",
                    "target_group",
                    "methods",
                    "results",
                    "lessons_learned",
                    "contact_point",
                ],
            },
        ),
        (
            _("City spotlight"),
            {"classes": ["collapse"], "fields": ["spotlight_city", "quote", "quote_attribution"]},
        ),
        (
            _("Member submission"),
            {
                "classes": ["collapse"],
                "fields": ["submitted_by", "submitted_city", "submitted_language"],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        becomes_public = obj.status == Resource.Status.PUBLISHED and (
            not change or "status" in form.changed_data
        )
        if becomes_public:
            # Save as it was, then publish through the service (engagement, email).
            obj.status = form.initial.get("status", Resource.Status.DRAFT)
        super().save_model(request, obj, form, change)
        if becomes_public:
            request._publish_resource = True

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "_publish_resource", False):
            request._publish_resource = False
            services.publish_resource(form.instance, published_by=request.user)
            form.instance.refresh_from_db()

    @admin.action(description=_("Publish the selected resources"))
    def publish(self, request, queryset):
        for resource in queryset:
            services.publish_resource(resource, published_by=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d resource published.", "%d resources published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Archive the selected resources"))
    def archive(self, request, queryset):
        for resource in queryset:
            services.set_status(resource, Resource.Status.ARCHIVED, changed_by=request.user)
        self.message_user(request, _("Archived."), messages.SUCCESS)
