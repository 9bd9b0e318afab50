"""The audit trail: one table of entries written by django-auditlog (model changes) and by
audit.services.record() (exports, sign-ins, invitations, MFA resets, erasures).

AUDITLOG_LOGENTRY_MODEL points auditlog at AuditEntry, so its diffs, its admin mixin and
its registry work unchanged while the portal adds the columns it filters on: the kind of
entry, the person it is about, the city it belongs to and the request it came from.
"""

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntryManager(LogEntryManager):
    """auditlog calls these two methods for every registered model; the portal's columns
    are worked out here from the instance, so an entry is one INSERT."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        from audit.registry import describe

        kwargs.update(describe(instance, kwargs.get("action"), kwargs.get("changes")))
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        from audit.registry import describe

        kwargs.update(describe(instance, self.model.Action.UPDATE, {field_name: None}))
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)


class AuditEntry(AbstractLogEntry):
    class Kind(models.TextChoices):
        CHANGE = "change", _("Change")
        ROLE_CHANGE = "role_change", _("Role or permission change")
        INVITATION = "invitation", _("Invitation")
        SIGN_IN = "sign_in", _("Staff sign-in")
        EXPORT = "export", _("Export")
        MFA_RESET = "mfa_reset", _("Two-factor authentication removed or reset")
        PERSONAL_DATA = "personal_data", _("Personal data downloaded")
        ERASURE = "erasure", _("Person erased")

    # Entries that are not about one row (an export of a filtered list) have no object.
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("content type"),
    )
    object_pk = models.CharField(
        _("object pk"), max_length=255, blank=True, default="", db_index=True
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CHANGE)
    # The person the entry is about (the account changed, the focal point bound, the
    # person signed in or erased): the "per person" trail reads it with the actor.
    # No database constraint: the trail keeps the id after the row is gone, and entries
    # are written while a cascade deletes the rows they point at.
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("about"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The city a row belongs to, so a city's trail includes its leaders, focal points,
    # agreements and requests.
    city = models.ForeignKey(
        "members.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    request_path = models.CharField(_("from"), max_length=300, blank=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["kind", "-timestamp"], name="audit_kind_idx"),
            models.Index(fields=["actor", "-timestamp"], name="audit_actor_idx"),
            models.Index(fields=["subject_user", "-timestamp"], name="audit_subject_idx"),
            models.Index(fields=["city", "-timestamp"], name="audit_city_idx"),
            models.Index(fields=["content_type", "object_pk"], name="audit_object_idx"),
        ]

    def save(self, *args, **kwargs):
        if self._state.adding:
            from audit.context import fill_from_context

            fill_from_context(self)
        super().save(*args, **kwargs)
