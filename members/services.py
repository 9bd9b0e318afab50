from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from members.models import EngagementRecord, FocalPoint


@transaction.atomic
def add_focal_point(*, city, user, job_title: str = "") -> FocalPoint:
    """Bind a person to a city; the first active focal point becomes the primary one."""
    has_primary = FocalPoint.objects.filter(city=city, is_primary=True, is_active=True).exists()
    focal_point, created = FocalPoint.objects.get_or_create(
        city=city,
        user=user,
        defaults={"job_title": job_title, "is_primary": not has_primary},
    )
    if not created and not focal_point.is_active:
        focal_point.is_active = True
        focal_point.job_title = job_title or focal_point.job_title
        focal_point.save(update_fields=["is_active", "job_title"])
    return focal_point


def record_engagement(
    *,
    city,
    kind: str,
    occurred_on,
    source=None,
    title: str = "",
    note: str = "",
    recorded_by=None,
) -> EngagementRecord:
    """The one door through which other apps report an engagement fact about a city.

    With a source object the call is idempotent: the same (city, kind, source) is
    recorded once, so retried tasks and repeated saves do not double-count.
    """
    if source is None:
        return EngagementRecord.objects.create(
            city=city,
            kind=kind,
            occurred_on=occurred_on,
            title=title,
            note=note,
            recorded_by=recorded_by,
        )
    source_type = ContentType.objects.get_for_model(source)
    record, _ = EngagementRecord.objects.update_or_create(
        city=city,
        kind=kind,
        source_type=source_type,
        source_id=str(source.pk),
        defaults={"occurred_on": occurred_on, "title": title or str(source)[:250], "note": note},
        create_defaults={
            "occurred_on": occurred_on,
            "title": title or str(source)[:250],
            "note": note,
            "recorded_by": recorded_by,
        },
    )
    return record


def withdraw_engagement(*, city, kind: str, source) -> int:
    """Remove a fact that turned out not to hold (an attendance corrected to no-show)."""
    deleted, _ = EngagementRecord.objects.filter(
        city=city,
        kind=kind,
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
    ).delete()
    return deleted
