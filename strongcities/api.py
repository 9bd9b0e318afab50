from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from hubs.models import Hub
from hubs.selectors import hubs_for_index
from members.models import City
from strongcities.permissions import can, cities_visible_to


class CanPermission(permissions.BasePermission):
    """Ask strongcities.permissions for `view.permission_action` (list) and per object."""

    def has_permission(self, request, view):
        action = getattr(view, "permission_action", None)
        return action is None or can(request.user, action)

    def has_object_permission(self, request, view, obj):
        action = getattr(view, "object_permission_action", None)
        return action is None or can(request.user, action, obj)


class HubSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Hub
        fields = ["slug", "name", "description", "status", "launched_year", "member_count"]


class CitySerializer(serializers.ModelSerializer):
    hub = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = City
        fields = [
            "slug",
            "name",
            "country",
            "authority_type",
            "hub",
            "membership_status",
            "member_since",
            "latitude",
            "longitude",
            "url",
        ]

    @extend_schema_field(serializers.CharField())
    def get_country(self, city) -> str:
        return city.country.code

    def get_url(self, city) -> str:
        return city.get_absolute_url()


class HubViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = HubSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return hubs_for_index()


class CityViewSet(viewsets.ReadOnlyModelViewSet):
    """Member cities, scoped to what the caller may see."""

    serializer_class = CitySerializer
    permission_classes = [CanPermission]
    object_permission_action = "members.view_city"
    lookup_value_regex = r"[a-z]{2}/[a-z0-9-]+"
    lookup_url_kwarg = "ref"

    def get_queryset(self):
        return cities_visible_to(self.request.user).select_related("hub").order_by("name")

    def get_object(self):
        country, slug = self.kwargs["ref"].split("/", 1)
        city = get_object_or_404(self.get_queryset(), country=country.upper(), slug=slug)
        self.check_object_permissions(self.request, city)
        return city
