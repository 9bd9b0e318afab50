"""Objects and URL arguments the role matrix (tests/test_role_matrix.py) needs for events.

The matrix event "e" (created there) is an unpublished draft without a hub; focal point A
has a registration for it, so registration URLs and the admin's Registration pages resolve.
"""

from events.models import Event, Registration


def add_events_matrix_objects(net) -> None:
    event = Event.objects.get(slug="e")
    Registration.objects.create(event=event, user=net.user("focal_a"), status="confirmed")


def events_url_kwargs(net) -> dict:
    registration = Registration.objects.order_by("pk").first()
    event = {"slug": "e"}
    with_pk = {"slug": "e", "pk": registration.pk}
    return {
        "events:event-detail": event,
        "events:event-ics": event,
        "events:certificate": event,
        "events:register": event,
        "events:participants": event,
        "events:participants-csv": event,
        "events:registration-cancel": with_pk,
        "events:registration-action": with_pk,
        "events:registration-certificate": with_pk,
        "events:personal-feed": {"token": "not-a-real-token"},
        "events:guest-register": {"slug": "e", "token": "not-a-real-token"},
        "events:guest-registration": {"slug": "e", "token": "not-a-real-token"},
        "events:guest-certificate": {"slug": "e", "token": "not-a-real-token"},
        "api:event-detail": event,
        "api:my-registration-detail": {"pk": registration.pk},
    }
