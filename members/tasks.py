from celery import shared_task

from members import services
from members.models import City


@shared_task(acks_late=True)
def notify_continuity_alert(alert_id: int) -> int:
    return services.notify_continuity_alert(alert_id)


@shared_task
def check_focal_point_continuity() -> int:
    """Daily sweep: flag members left without a reachable focal point by changes made
    outside the services (an account closed in the admin), and queue any alert whose
    notice has not gone out (broker outage, crash). Returns alerts queued."""
    reachable = services.reachable_focal_points().values("city_id")
    for city in City.objects.members().exclude(pk__in=reachable):
        services.check_continuity(city)
    ids = services.unnotified_alert_ids()
    for alert_id in ids:
        notify_continuity_alert.delay(alert_id)
    return len(ids)


@shared_task
def refresh_engagement_snapshot() -> int:
    """Every few minutes: this year's and last year's status of every member, for the
    engagement dashboard (members/engagement_snapshot.py). Safe to run twice."""
    from members import engagement_snapshot

    return engagement_snapshot.refresh_current()
