"""The trail in the admin: administrators read it; nobody adds, edits or deletes."""

from auditlog.mixins import LogEntryAdminMixin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry

# auditlog registers its own admin for the entry model; this one replaces it.
if admin.site.is_registered(AuditEntry):
    admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(LogEntryAdminMixin, admin.ModelAdmin):
    date_hierarchy = "timestamp"
    list_select_related = ["content_type", "actor"]
    list_display = ["created", "kind", "resource_url", "action", "msg_short", "user_url"]
    list_filter = ["kind", "action", "timestamp"]
    search_fields = ["object_repr", "actor_email", "cid", "remote_addr"]
    readonly_fields = [
        "created",
        "kind",
        "user_url",
        "subject_user",
        "resource_url",
        "action",
        "msg",
        "remote_addr",
        "cid",
        "request_path",
        "additional_data",
    ]
    fieldsets = [
        (None, {"fields": ["created", "kind", "user_url", "subject_user", "resource_url"]}),
        (_("Changes"), {"fields": ["action", "msg", "additional_data"]}),
        (_("From"), {"fields": ["remote_addr", "cid", "request_path"]}),
    ]

    @admin.display(description=_("Record"))
    def resource_url(self, obj):
        if obj.content_type is None:  # an export of a list, not of one record
            return obj.object_repr
        return super().resource_url(obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
