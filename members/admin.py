from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from members.models import (
    AgreedExpectations,
    City,
    ContinuityAlert,
    EngagementRecord,
    FocalPoint,
    FocalPointHandover,
    GuidingPrinciples,
    Leader,
    PrinciplesAgreement,
    ProfileRevision,
    StrategicPriority,
    ThematicArea,
)
from members.services import settle_city_hub


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


class LeaderInline(TranslationTabularInline):
    model = Leader
    extra = 0


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country", "authority_type", "hub", "membership_status", "member_since"]
    list_filter = [
        "membership_status",
        "hub",
        "hub_overridden",
        "authority_type",
        "engagement_level",
    ]
    list_select_related = ["hub"]
    search_fields = ["name", "name_ar", "name_en", "name_fr", "slug"]
    filter_horizontal = ["priorities", "themes"]
    inlines = [FocalPointInline, LeaderInline]
    readonly_fields = ["version", "profile_reviewed_at"]

    def save_model(self, request, obj, form, change):
        # The hub follows the country unless staff pick another one here.
        settle_city_hub(
            obj,
            hub_chosen_by_hand="hub" in form.changed_data,
            follow_country="hub_overridden" in form.changed_data and not obj.hub_overridden,
        )
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: read in the admin, never edited there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EngagementRecord)
class EngagementRecordAdmin(admin.ModelAdmin):
    list_display = ["city", "kind", "occurred_on", "title"]
    list_filter = ["kind"]
    list_select_related = ["city"]
    search_fields = ["city__name", "title"]
    date_hierarchy = "occurred_on"
    autocomplete_fields = ["city"]
    exclude = ["source_type", "source_id", "recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AgreedExpectations)
class AgreedExpectationsAdmin(ReadOnlyAdmin):
    list_display = ["city", "year", "additional", "updated_at"]
    list_filter = ["year"]
    list_select_related = ["city"]


@admin.register(PrinciplesAgreement)
class PrinciplesAgreementAdmin(ReadOnlyAdmin):
    list_display = ["city", "principles", "agreed_by_name", "agreed_at"]
    list_select_related = ["city", "principles"]


@admin.register(FocalPointHandover)
class FocalPointHandoverAdmin(ReadOnlyAdmin):
    list_display = ["city", "from_user", "to_user", "handed_over_at"]
    list_select_related = ["city", "from_user", "to_user"]


@admin.register(ContinuityAlert)
class ContinuityAlertAdmin(ReadOnlyAdmin):
    list_display = ["city", "reason", "raised_at", "notified_at", "resolved_at"]
    list_filter = ["reason"]
    list_select_related = ["city"]


@admin.register(ProfileRevision)
class ProfileRevisionAdmin(ReadOnlyAdmin):
    list_display = ["city", "subject", "changed_by", "changed_at"]
    list_select_related = ["city", "changed_by"]
