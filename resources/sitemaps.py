from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from resources.models import Resource


class ResourceListSitemap(Sitemap):
    """The resource hub's index page in every language."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["resources:resource-list"]

    def location(self, item):
        return reverse(item)


class ResourceSitemap(Sitemap):
    """Every published resource, in every language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return Resource.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, resource):
        return resource.updated_at


SITEMAPS = {"resource-hub": ResourceListSitemap, "resources": ResourceSitemap}
