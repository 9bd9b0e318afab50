from django.db import transaction

from members.models import FocalPoint


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
