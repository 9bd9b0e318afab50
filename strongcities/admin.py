from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from strongcities.models import Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "preferred_language",
        "is_management_unit",
        "is_active",
    ]
    list_filter = [
        "is_management_unit",
        "is_staff",
        "is_superuser",
        "is_active",
        "email_bounced_at",
    ]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["display_name", "preferred_language"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_management_unit", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined", "email_bounced_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})
    ]
    filter_horizontal = ["groups"]
    readonly_fields = ["email_bounced_at"]
    actions = ["mark_email_bouncing", "clear_email_bouncing", "reset_two_factor"]

    @admin.action(description=_("Mark their email as bouncing"))
    def mark_email_bouncing(self, request, queryset):
        from members.services import mark_email_bounced

        for user in queryset:
            mark_email_bounced(user)
        self.message_user(
            request, _("Marked as bouncing; cities left without a contact are flagged.")
        )

    @admin.action(description=_("Their email works again"))
    def clear_email_bouncing(self, request, queryset):
        from members.services import clear_email_bounced

        for user in queryset:
            clear_email_bounced(user)

    @admin.action(description=_("Reset their two-factor authentication"))
    def reset_two_factor(self, request, queryset):
        from strongcities.services import reset_two_factor

        for user in queryset:
            reset_two_factor(user, by=request.user)
        self.message_user(
            request, _("Two-factor authentication reset; they set it up at their next sign-in.")
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "city", "hub", "sent_at", "accepted_at", "expires_at"]
    list_filter = ["role", "language"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["invited_by", "created_at", "sent_at", "accepted_at", "accepted_user"]
    autocomplete_fields = ["city", "hub"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        from strongcities.services import invite_person

        created = invite_person(
            email=obj.email,
            display_name=obj.display_name,
            role=obj.role,
            language=obj.language,
            invited_by=request.user,
            city=obj.city,
            hub=obj.hub,
            job_title=obj.job_title,
        )
        obj.pk = created.pk

    def get_exclude(self, request, obj=None):
        return ["expires_at"] if obj is None else []
