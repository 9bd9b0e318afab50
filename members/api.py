"""Members in the API: public cities (read-only) and a focal point's own city."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from members import selectors, services
from members.models import City, StrategicPriority, ThematicArea
from strongcities.permissions import can, cities_editable_by, cities_visible_to

LANGS = ("ar", "en", "fr")


class CitySerializer(serializers.ModelSerializer):
    """Public fields only: never focal points or anything internal."""

    hub = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    priorities = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = City
        fields = [
            "slug",
            "name",
            *[f"name_{lang}" for lang in LANGS],
            "country",
            "authority_type",
            "hub",
            "membership_status",
            "member_since",
            "population",
            "latitude",
            "longitude",
            "website",
            "summary",
            "priorities",
            "themes",
            "url",
        ]

    @extend_schema_field(serializers.CharField())
    def get_country(self, city) -> str:
        return city.country.code

    def get_url(self, city) -> str:
        return city.get_absolute_url()


DIRECTORY_PARAMETERS = [
    OpenApiParameter("q", str, description="Part of the city's name, in any language"),
    OpenApiParameter("hub", str, description="Regional hub slug"),
    OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code"),
    OpenApiParameter("authority_type", str, enum=City.AuthorityType.values),
    OpenApiParameter("priority", int, description="Strategic priority number (1-5)"),
    OpenApiParameter("theme", str, description="Thematic area slug"),
]


@extend_schema(parameters=DIRECTORY_PARAMETERS)
class CityViewSet(viewsets.ReadOnlyModelViewSet):
    """Member cities, filtered like the public directory."""

    serializer_class = CitySerializer
    lookup_value_regex = r"[a-z]{2}/[a-z0-9-]+"
    lookup_url_kwarg = "ref"

    def get_queryset(self):
        filters = selectors.DirectoryFilters.from_params(self.request.query_params)
        return selectors.directory(self.request.user, filters).prefetch_related(
            "priorities", "themes"
        )

    def get_object(self):
        country, slug = self.kwargs["ref"].split("/", 1)
        city = get_object_or_404(
            cities_visible_to(self.request.user).select_related("hub"),
            country=country.upper(),
            slug=slug,
        )
        if not can(self.request.user, "members.view_city", city):
            raise PermissionDenied
        return city


class MyCitySerializer(CitySerializer):
    """What a focal point reads and updates; `version` guards against lost updates."""

    version = serializers.IntegerField()
    priorities = serializers.SlugRelatedField(
        slug_field="number", many=True, queryset=StrategicPriority.objects.all(), required=False
    )
    themes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=ThematicArea.objects.all(), required=False
    )

    class Meta(CitySerializer.Meta):
        fields = sorted(
            {
                *CitySerializer.Meta.fields,
                *services.PROFILE_FIELDS,
                "version",
                "priorities",
                "themes",
            }
        )
        read_only_fields = [
            "slug",
            "name",
            "country",
            "hub",
            "membership_status",
            "member_since",
            "url",
            "authority_type",
            "summary",
        ]


class MyCityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The cities the signed-in focal point keeps; PATCH with the `version` you read."""

    serializer_class = MyCitySerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"[a-z]{2}/[a-z0-9-]+"
    lookup_url_kwarg = "ref"
    pagination_class = None

    def get_queryset(self):
        return (
            cities_editable_by(self.request.user)
            .filter(focal_points__user=self.request.user, focal_points__is_active=True)
            .select_related("hub")
            .prefetch_related("priorities", "themes")
            .order_by("name")
        )

    def get_object(self):
        country, slug = self.kwargs["ref"].split("/", 1)
        city = get_object_or_404(
            City.objects.select_related("hub"), country=country.upper(), slug=slug
        )
        if not can(self.request.user, "members.edit_city", city):
            raise PermissionDenied
        return city

    @extend_schema(request=MyCitySerializer, responses=MyCitySerializer)
    def partial_update(self, request, *args, **kwargs):
        city = self.get_object()
        serializer = self.get_serializer(city, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        if version is None:
            return Response(
                {"version": ["Send the version you read, to guard against lost updates."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        for model_field in ("latitude", "longitude", "population"):
            if model_field in data:
                try:
                    City._meta.get_field(model_field).run_validators(data[model_field])
                except Exception as error:  # ValidationError from the model's validators
                    return Response({model_field: list(error.messages)}, status=400)
        try:
            services.update_city_profile(
                city=city, data=data, expected_version=version, changed_by=request.user
            )
        except services.StaleProfile as stale:
            return Response(
                {
                    "detail": "The profile changed since you read it.",
                    "changes": [r.changes for r in stale.revisions],
                },
                status=status.HTTP_409_CONFLICT,
            )
        city.refresh_from_db()
        return Response(self.get_serializer(city).data)

    http_method_names = ["get", "patch", "head", "options"]
