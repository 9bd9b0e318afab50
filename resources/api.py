"""Public JSON API of the online resource hub: published resources only.

Filters and `q` search are the page's (resources.selectors.search_resources);
content comes in the language of the request's Accept-Language header.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets

from resources import selectors
from resources.models import Resource, ResourceAttachment, ResourceLink


class ResourceSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    themes = serializers.SerializerMethodField(help_text="Thematic area slugs.")
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Resource
        fields = [
            "slug",
            "kind",
            "title",
            "summary",
            "languages",
            "themes",
            "publication_date",
            "url",
        ]

    def get_title(self, resource) -> str:
        return str(resource)

    def get_themes(self, resource) -> list[str]:
        # listed_themes: read for the whole page at once by the search (no query a row).
        return [theme.slug for theme in resource.listed_themes]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ResourceAttachment
        fields = ["language", "title", "size", "url"]

    def get_url(self, attachment) -> str:
        return attachment.file.url


class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResourceLink
        fields = ["label", "url", "language"]


class ResourceDetailSerializer(ResourceSerializer):
    priorities = serializers.SlugRelatedField(many=True, slug_field="number", read_only=True)
    hubs = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    cities = serializers.SerializerMethodField()
    spotlight_city = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)
    links = LinkSerializer(many=True, read_only=True)

    class Meta(ResourceSerializer.Meta):
        fields = [
            *ResourceSerializer.Meta.fields,
            "body",
            "author_organisation",
            "priorities",
            "hubs",
            "cities",
            "spotlight_city",
            "quote",
            "quote_attribution",
            "approach",
            "aim",
            "target_group",
            "methods",
            "results",
            "lessons_learned",
            "contact_point",
            "attachments",
            "links",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_cities(self, resource):
        return [city.get_absolute_url() for city in resource.cities.all()]

    @extend_schema_field(OpenApiTypes.STR)
    def get_spotlight_city(self, resource):
        city = resource.spotlight_city
        return city.get_absolute_url() if city else None


FILTERS = [
    OpenApiParameter("q", str, description="Full-text search (any language)."),
    OpenApiParameter("sort", str, enum=["relevance", "date"]),
    OpenApiParameter("kind", str, enum=Resource.Kind.values),
    OpenApiParameter("theme", str, description="Thematic area slug."),
    OpenApiParameter("priority", int, description="Strategic priority number."),
    OpenApiParameter("hub", str, description="Regional hub slug."),
    OpenApiParameter("city", int, description="City id."),
    OpenApiParameter("lang", str, enum=["ar", "en", "fr"], description="Available in."),
    OpenApiParameter("year", int, description="Year of publication."),
]


@extend_schema(parameters=FILTERS)
class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Published resources of the online resource hub."""

    lookup_field = "slug"

    def get_serializer_class(self):
        return ResourceDetailSerializer if self.action == "retrieve" else ResourceSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return (
                Resource.objects.published()
                .select_related("spotlight_city")
                .prefetch_related("themes", "priorities", "hubs", "cities", "attachments", "links")
            )
        return selectors.search_resources(self.request.query_params, with_facets=False).results
