from django.db.models import QuerySet

from events.models import Event


def upcoming_public_events(limit: int | None = None) -> QuerySet:
    events = Event.objects.public().upcoming().select_related("hub")
    return events[:limit] if limit else events
