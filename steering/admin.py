from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from steering import services
from steering.models import (
    ActionPlan,
    Committee,
    CommitteeMember,
    Decision,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Meeting,
    MeetingPaper,
    PlanPriority,
    ProgressUpdate,
)


class CommitteeSeatForm(forms.ModelForm):
    """Checks the committee rules (at most 25 active members) before saving.

    The admin validates and saves in one transaction, so the committee lock taken
    here is still held when save_model() saves the seat.
    """

    class Meta:
        model = CommitteeMember
        fields = ["user", "city", "role", "position", "term_start", "term_end"]

    def clean(self):
        cleaned = super().clean()
        if self.errors or not cleaned.get("term_start"):
            return cleaned
        seat = CommitteeMember(
            pk=self.instance.pk,
            user=cleaned.get("user"),
            city=cleaned.get("city"),
            term_start=cleaned["term_start"],
            term_end=cleaned.get("term_end"),
        )
        if transaction.get_connection().in_atomic_block:
            services.lock_committee()
        try:
            services.check_seat(seat)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(TabbedTranslationAdmin):
    form = CommitteeSeatForm
    list_display = ["user", "city", "role", "position", "term_start", "term_end", "is_current"]
    list_filter = ["role", "city__hub"]
    list_select_related = ["user", "city"]
    search_fields = ["user__display_name", "user__email", "city__name"]
    autocomplete_fields = ["user", "city"]

    def save_model(self, request, obj, form, change):
        services.save_committee_seat(obj)

    @admin.display(description=_("current"), boolean=True)
    def is_current(self, obj):
        return obj.is_active()


@admin.register(Committee)
class CommitteeAdmin(TabbedTranslationAdmin):
    list_display = ["__str__"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Committee.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class PlanPriorityInline(TranslationStackedInline):
    model = PlanPriority
    extra = 0
    fields = ["kind", "title", "description", "owner", "status", "sort_order"]
    autocomplete_fields = ["owner"]
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "year", "half", "status", "published_at"]
    list_filter = ["status", "year"]
    inlines = [PlanPriorityInline]


class ProgressUpdateInline(TranslationStackedInline):
    model = ProgressUpdate
    extra = 0
    autocomplete_fields = ["resource", "event"]


@admin.register(PlanPriority)
class PlanPriorityAdmin(TabbedTranslationAdmin):
    list_display = ["title", "plan", "kind", "owner", "status"]
    list_filter = ["kind", "status", "plan"]
    list_select_related = ["plan", "owner"]
    search_fields = ["title"]
    autocomplete_fields = ["owner"]
    inlines = [ProgressUpdateInline]


class DecisionInline(TranslationTabularInline):
    model = Decision
    extra = 0


class MeetingPaperInline(TranslationTabularInline):
    model = MeetingPaper
    extra = 0
    fields = ["title", "file", "size"]
    readonly_fields = ["size"]


@admin.register(Meeting)
class MeetingAdmin(TabbedTranslationAdmin):
    list_display = ["title", "held_on", "format"]
    list_filter = ["format"]
    search_fields = ["title"]
    date_hierarchy = "held_on"
    inlines = [DecisionInline, MeetingPaperInline]


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 1


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 1
    fields = ["year", "value", "source", "entered_by", "updated_at"]
    readonly_fields = ["entered_by", "updated_at"]
    verbose_name = _("value entered by hand")
    verbose_name_plural = _("values entered by hand")


@admin.register(Indicator)
class IndicatorAdmin(TabbedTranslationAdmin):
    """Monitoring, evaluation and learning: indicators with yearly targets and values.

    A computed indicator's value comes from the portal's data for the year the report
    shows; values entered here fill the years it does not compute, and are the only
    values of an indicator "entered by hand"."""

    list_display = ["name", "code", "unit", "rule", "is_active", "sort_order"]
    list_filter = ["rule", "unit", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "code"]
    inlines = [IndicatorTargetInline, IndicatorValueInline]

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            if isinstance(instance, IndicatorValue):
                instance.entered_by = request.user
            instance.save()
        formset.save_m2m()
