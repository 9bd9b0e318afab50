from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from surveys import reminders
from surveys.models import (
    Answer,
    Question,
    ReminderDelivery,
    ReminderOptOut,
    ReminderRule,
    Response,
    Survey,
    SurveyDelivery,
)


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0
    fields = [
        "position",
        "text",
        "help_text",
        "kind",
        "required",
        "choices",
        ("scale_min", "scale_max"),
    ]

    # once a survey is open, answers refer to its questions: fix wording, nothing more
    def _is_draft(self, obj):
        return obj is None or obj.status == Survey.Status.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._is_draft(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._is_draft(obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if self._is_draft(obj) else ["position", "kind", "scale_min", "scale_max"]


class SurveyAdminForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "intro",
            "audience",
            "hubs",
            "cities",
            "opens_on",
            "closes_on",
            "reminder_max_count",
            "reminder_min_days",
        ]

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == Survey.Audience.HUBS and not cleaned.get("hubs"):
            self.add_error("hubs", _("Choose at least one regional hub."))
        if audience == Survey.Audience.CITIES and not cleaned.get("cities"):
            self.add_error("cities", _("Choose at least one city."))
        return cleaned


@admin.register(Survey)
class SurveyAdmin(TabbedTranslationAdmin):
    """Staff build surveys here; opening one (which sends the requests) is done on the
    survey's results page, so it always goes through surveys.services.open_survey."""

    list_display = ["title", "status", "audience", "opens_on", "closes_on"]
    list_filter = ["status", "audience"]
    search_fields = ["title", "title_ar", "title_en", "title_fr"]
    filter_horizontal = ["hubs", "cities"]
    readonly_fields = ["status", "opened_at", "opened_by"]
    inlines = [QuestionInline]
    form = SurveyAdminForm
    fieldsets = [
        (None, {"fields": ["title", "intro", "status", "opened_at", "opened_by"]}),
        (_("Audience"), {"fields": ["audience", "hubs", "cities"]}),
        (
            _("Dates and reminders"),
            {"fields": [("opens_on", "closes_on"), ("reminder_max_count", "reminder_min_days")]},
        ),
    ]

    def view_on_site(self, obj):
        # the survey's page for staff: response rates, open and close, exports
        return reverse("surveys:results", kwargs={"pk": obj.pk})


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: read in the admin, never added or deleted there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["question", "value"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["survey", "city", "status", "submitted_by", "submitted_at"]
    list_filter = ["status", "survey"]
    list_select_related = ["survey", "city", "submitted_by"]
    inlines = [AnswerInline]


@admin.register(SurveyDelivery)
class SurveyDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["survey", "kind", "number", "city", "recipient", "status", "sent_at"]
    list_filter = ["status", "kind", "survey"]
    list_select_related = ["survey", "city", "recipient"]


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["rule", "period", "kind", "city", "recipient", "status", "sent_at"]
    list_filter = ["status", "rule", "period"]
    list_select_related = ["rule", "city", "recipient"]


@admin.register(ReminderRule)
class ReminderRuleAdmin(TabbedTranslationAdmin):
    list_display = ["name", "trigger", "audience", "repeat", "tell_hub", "is_active", "schedule"]
    list_filter = ["trigger", "is_active"]
    filter_horizontal = ["hubs"]
    readonly_fields = ["schedule"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # a new rule gets a weekly schedule, which staff edit under Periodic tasks
        reminders.ensure_schedule(obj)


@admin.register(ReminderOptOut)
class ReminderOptOutAdmin(admin.ModelAdmin):
    """People who stopped reminders; deleting a row turns reminders back on."""

    list_display = ["user", "created_at"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]
