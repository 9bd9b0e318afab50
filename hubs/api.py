"""Helpdesk API: a focal point's own requests (list, open, reply) and hub staff's queue.

Scoped exactly like the pages: `tickets_visible_to` for reads, `can()` for every
action. Internal notes are only in the payload for the request's hub and the MU.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from hubs import helpdesk_selectors as selectors
from hubs import helpdesk_services as services
from hubs.models import Ticket, TicketMessage
from members.models import City
from strongcities import ratelimit
from strongcities.permissions import can, grants_for, has_mfa, requires_mfa


class HelpdeskPermission(IsAuthenticated):
    """Signed in, with a helpdesk role, and (for staff) MFA set up, as on the pages."""

    def has_permission(self, request, view):
        user = request.user
        if not super().has_permission(request, view) or not can(user, "helpdesk.use"):
            return False
        return not (requires_mfa(user) and not has_mfa(user))


class TicketMessageSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.display_name", default="", read_only=True)

    class Meta:
        model = TicketMessage
        fields = ["author", "from_city", "visibility", "body", "created_at"]


class TicketSerializer(serializers.ModelSerializer):
    city = serializers.SerializerMethodField()
    hub = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Ticket
        fields = [
            "reference",
            "city",
            "hub",
            "category",
            "priority",
            "status",
            "subject",
            "language",
            "created_at",
            "first_response_at",
            "resolved_at",
            "url",
        ]

    def get_city(self, ticket) -> str:
        return f"{ticket.city.country.code.lower()}/{ticket.city.slug}"


class TicketDetailSerializer(TicketSerializer):
    messages = serializers.SerializerMethodField()

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "description", "messages"]

    @extend_schema(responses=TicketMessageSerializer(many=True))
    def get_messages(self, ticket) -> list:
        include_internal = can(self.context["request"].user, "helpdesk.handle_ticket", ticket)
        thread = selectors.ticket_messages(ticket, include_internal=include_internal)
        return TicketMessageSerializer(thread, many=True).data


class OpenTicketSerializer(serializers.Serializer):
    city = serializers.CharField(
        required=False, help_text="cc/slug of your city; optional if you have one"
    )
    category = serializers.ChoiceField(choices=Ticket.Category.choices)
    priority = serializers.ChoiceField(
        choices=Ticket.Priority.choices, default=Ticket.Priority.NORMAL
    )
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField()
    language = serializers.ChoiceField(choices=[("ar", "ar"), ("en", "en"), ("fr", "fr")])


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField()
    internal = serializers.BooleanField(
        default=False, help_text="Hub staff only: an internal note the city never sees."
    )


class TicketViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Helpdesk requests the caller may see: their city's, or their hub's queue."""

    permission_classes = [HelpdeskPermission]
    lookup_field = "reference"
    lookup_value_regex = r"[A-Za-z0-9-]+"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return TicketDetailSerializer
        if self.action == "create":
            return OpenTicketSerializer
        if self.action == "reply":
            return ReplySerializer
        return TicketSerializer

    def get_queryset(self):
        filters = {"status": self.request.query_params.get("status", "all")}
        return selectors.queue(self.request.user, filters=filters)

    def get_object(self):
        return selectors.ticket_for_page(self.request.user, self.kwargs["reference"])

    @extend_schema(
        parameters=[
            OpenApiParameter("status", description="a status, '' for open ones, 'all' (default)")
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=OpenTicketSerializer, responses={201: TicketDetailSerializer})
    def create(self, request, *args, **kwargs):
        if not can(request.user, "helpdesk.open_ticket"):
            raise PermissionDenied
        # The same limit as the page: one bucket per person, whichever way they open.
        wait = ratelimit.hit("helpdesk_ticket", f"user:{request.user.pk}")
        if wait is not None:
            raise Throttled(wait=wait)
        serializer = OpenTicketSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        cities = City.objects.filter(pk__in=grants_for(request.user).city_ids)
        ref = data.pop("city", "")
        if ref:
            country, _sep, slug = ref.partition("/")
            city = cities.filter(country=country.upper(), slug=slug).first()
        else:
            city = cities.first() if cities.count() == 1 else None
        if city is None:
            raise ValidationError({"city": ["Choose one of your cities (cc/slug)."]})
        try:
            ticket = services.open_ticket(user=request.user, city=city, **data)
        except DjangoValidationError as error:
            raise ValidationError({"non_field_errors": error.messages}) from None
        ticket = selectors.ticket_for_page(request.user, ticket.reference)
        body = TicketDetailSerializer(ticket, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReplySerializer, responses={201: TicketMessageSerializer})
    @action(detail=True, methods=["post"])
    def reply(self, request, reference=None):
        ticket = self.get_object()
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        body = serializer.validated_data["body"]
        try:
            if can(request.user, "helpdesk.handle_ticket", ticket):
                message = services.reply_as_staff(
                    ticket=ticket,
                    user=request.user,
                    body=body,
                    internal=serializer.validated_data["internal"],
                )
            elif can(request.user, "helpdesk.act_for_city", ticket):
                message = services.reply_as_city(ticket=ticket, user=request.user, body=body)
            else:
                raise PermissionDenied
        except DjangoValidationError as error:
            raise ValidationError({"non_field_errors": error.messages}) from None
        message = get_object_or_404(TicketMessage.objects.select_related("author"), pk=message.pk)
        return Response(TicketMessageSerializer(message).data, status=status.HTTP_201_CREATED)
