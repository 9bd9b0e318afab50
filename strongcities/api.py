from rest_framework import permissions, serializers, viewsets

from hubs.models import Hub
from hubs.selectors import hubs_for_index
from strongcities.permissions import can


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


class HubViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = HubSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return hubs_for_index()
