"""JSON API of the Steering Committee: the same rules as the pages.

Current members and published plan summaries are public; plan details and drafts
go to committee members and the Management Unit only, and meetings (with their
papers, served by the permission-checked download view) to them alone.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from steering import selectors
from steering.models import (
    ActionPlan,
    CommitteeMember,
    Decision,
    Meeting,
    MeetingPaper,
    PlanPriority,
    ProgressUpdate,
)
from strongcities.api import CanPermission
from strongcities.permissions import can

RESTRICTED = "steering.view_restricted"


class CommitteeMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.display_name")
    city = serializers.CharField(source="city.name")
    city_url = serializers.CharField(source="city.get_absolute_url")
    country = serializers.SerializerMethodField()
    hub = serializers.SlugRelatedField(source="city.hub", slug_field="slug", read_only=True)

    class Meta:
        model = CommitteeMember
        fields = ["name", "position", "role", "city", "city_url", "country", "hub", "term_start"]

    @extend_schema_field(serializers.CharField())
    def get_country(self, seat) -> str:
        return seat.city.country.code


class CommitteeMemberViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The current members of the committee (public)."""

    serializer_class = CommitteeMemberSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.current_committee()


class PublicPrioritySerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanPriority
        fields = ["kind", "title"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    resource = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = ["occurred_on", "note", "resource", "event"]


class PrioritySerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.display_name", default=None)
    updates = ProgressUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = PlanPriority
        fields = ["kind", "title", "description", "owner", "status", "updates"]


class PublicPlanSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period_label")
    priorities = PublicPrioritySerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["year", "half", "period", "summary", "published_at", "priorities"]


class PlanSerializer(PublicPlanSerializer):
    priorities = PrioritySerializer(many=True, read_only=True)

    class Meta(PublicPlanSerializer.Meta):
        fields = [*PublicPlanSerializer.Meta.fields, "status"]


class ActionPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Semi-annual action plans: public summaries; details and drafts for the committee."""

    lookup_url_kwarg = "period"
    lookup_value_regex = r"[0-9]{4}-[12]"

    def restricted(self) -> bool:
        return can(self.request.user, RESTRICTED)

    def get_serializer_class(self):
        return PlanSerializer if self.restricted() else PublicPlanSerializer

    def get_queryset(self):
        restricted = self.restricted()
        priorities = PlanPriority.objects.all()
        if restricted:
            priorities = priorities.select_related("owner").prefetch_related(
                Prefetch(
                    "updates",
                    queryset=ProgressUpdate.objects.select_related("resource", "event"),
                )
            )
        return selectors.plans_visible(restricted=restricted).prefetch_related(
            Prefetch("priorities", queryset=priorities)
        )

    def get_object(self):
        year, half = self.kwargs["period"].split("-")
        return get_object_or_404(self.get_queryset(), year=int(year), half=int(half))


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["text"]


class PaperSerializer(serializers.ModelSerializer):
    download_url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = MeetingPaper
        fields = ["title", "size", "download_url"]


class MeetingSerializer(serializers.ModelSerializer):
    decisions = DecisionSerializer(many=True, read_only=True)
    papers = PaperSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "held_on",
            "format",
            "location",
            "agenda",
            "minutes",
            "decisions",
            "papers",
        ]


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Committee meetings: for committee members and the Management Unit only."""

    serializer_class = MeetingSerializer
    permission_classes = [CanPermission]
    permission_action = RESTRICTED

    def get_queryset(self):
        return Meeting.objects.order_by("-held_on", "-pk").prefetch_related("decisions", "papers")
