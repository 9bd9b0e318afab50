"""Events in the API: public events (read-only) and a person's own registrations."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from events import selectors
from events.models import Event, Registration

LANGS = ("ar", "en", "fr")


class EventSerializer(serializers.ModelSerializer):
    """Public fields only: never the online link or who registered."""

    hub = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    place = serializers.CharField(read_only=True)
    seats_left = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            *[f"title_{lang}" for lang in LANGS],
            "description",
            "kind",
            "format",
            "audience",
            "organiser",
            "partner_name",
            "hub",
            "themes",
            "venue",
            "place",
            "time_zone",
            "starts_at",
            "ends_at",
            "capacity",
            "seats_left",
            "registration_opens_at",
            "registration_closes_at",
            "interpretation_languages",
            "url",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_seats_left(self, event):
        if event.capacity is None:
            return None
        return max(event.capacity - event.seats_taken, 0)

    def get_url(self, event) -> str:
        return event.get_absolute_url()


@extend_schema(
    parameters=[
        OpenApiParameter("when", str, enum=["upcoming", "past"]),
        OpenApiParameter("kind", str, enum=Event.Kind.values),
        OpenApiParameter("format", str, enum=Event.Format.values),
        OpenApiParameter("hub", str, description="Regional hub slug"),
        OpenApiParameter("theme", str, description="Thematic area slug"),
    ]
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published public events, upcoming by default (`?when=past` for past ones)."""

    serializer_class = EventSerializer
    lookup_field = "slug"

    def get_queryset(self):
        if self.action == "retrieve":
            return (
                Event.objects.public()
                .select_related("hub", "city")
                .annotate(seats_taken=selectors.seats_taken_subquery())
                .prefetch_related("themes")
            )
        filters = selectors.CalendarFilters.from_query(self.request.query_params)
        # Anonymous scope: the API lists public events only, whoever asks.
        return selectors.calendar(None, filters)


class MyRegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    starts_at = serializers.DateTimeField(source="event.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="event.ends_at", read_only=True)
    online_url = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "event_title",
            "starts_at",
            "ends_at",
            "status",
            "accessibility_needs",
            "dietary_needs",
            "interpretation_language",
            "online_url",
        ]

    @extend_schema_field(serializers.URLField(allow_blank=True))
    def get_online_url(self, registration) -> str:
        return registration.event.online_url if registration.sees_online_link else ""


class MyRegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in person's own registrations."""

    serializer_class = MyRegistrationSerializer
    permission_classes = [IsAuthenticated]
    queryset = Registration.objects.none()  # for the schema; get_queryset scopes to the user

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Registration.objects.none()
        return selectors.registrations_of(self.request.user)
