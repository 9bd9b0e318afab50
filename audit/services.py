"""Writing to the audit trail (beyond the model changes auditlog records by itself) and
removing what is older than the retention period."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEntry

Kind = AuditEntry.Kind
Action = AuditEntry.Action


def record(
    kind: str,
    *,
    actor=None,
    obj=None,
    subject_user=None,
    city=None,
    summary: str = "",
    details: dict | None = None,
    action: int = Action.ACCESS,
) -> AuditEntry:
    """Write one explicit entry. Actor, address and request id come from the current
    request when not given (audit.context)."""
    from members.models import City

    entry = AuditEntry(
        kind=kind,
        action=action,
        actor=actor,
        subject_user=subject_user,
        object_repr=summary or (str(obj) if obj is not None else ""),
        additional_data=details or None,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_pk = str(obj.pk)
        entry.object_id = obj.pk if isinstance(obj.pk, int) else None
        if city is None:
            city = obj if isinstance(obj, City) else getattr(obj, "city", None)
    if city is not None:
        entry.city_id = city.pk
    entry.save()
    return entry


def record_export(*, request, export: str, response, obj=None) -> AuditEntry:
    """A CSV, XLSX, ZIP or PDF download: what, in which format, with which filters."""
    disposition = response.get("Content-Disposition", "")
    filename = (
        disposition.split("filename=", 1)[-1].strip('"') if "filename=" in disposition else ""
    )
    return record(
        Kind.EXPORT,
        obj=obj,
        summary=filename or export,
        details={
            "export": export,
            "format": filename.rsplit(".", 1)[-1] if "." in filename else "",
            "filters": {key: request.GET.getlist(key) for key in request.GET},
            "bytes": len(response.content) if not response.streaming else None,
        },
    )


def record_staff_sign_in(*, request, user) -> AuditEntry | None:
    """Sign-ins of people who see other people's data (staff roles, admin access)."""
    from strongcities.permissions import sign_in_is_audited

    if not sign_in_is_audited(user):
        return None
    agent = request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""
    return record(
        Kind.SIGN_IN, actor=user, subject_user=user, obj=user, details={"user_agent": agent}
    )


def retention_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)


def delete_expired_entries(*, now=None, batch_size: int = 5000) -> int:
    """Remove entries older than AUDIT_RETENTION_DAYS, in batches so a first run over
    years of entries does not hold one huge transaction. Returns how many went."""
    cutoff = retention_cutoff(now)
    removed = 0
    while True:
        with transaction.atomic():
            ids = list(
                AuditEntry.objects.filter(timestamp__lt=cutoff)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                return removed
            removed += AuditEntry.objects.filter(pk__in=ids).delete()[0]
