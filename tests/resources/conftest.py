import datetime
import itertools

import pytest
from django.utils import timezone

from resources.models import Resource

_counter = itertools.count(1)


def make_resource(**fields) -> Resource:
    """A resource with sensible defaults; published unless told otherwise."""
    n = next(_counter)
    themes = fields.pop("themes", [])
    cities = fields.pop("cities", [])
    defaults = {
        "slug": f"resource-{n}",
        "kind": Resource.Kind.TOOLKIT,
        "title_en": f"Resource {n}",
        "status": Resource.Status.PUBLISHED,
        "published_at": timezone.now(),
        "publication_date": datetime.date(2024, 5, 1),
    }
    defaults.update(fields)
    resource = Resource(**defaults)
    resource.save()
    if themes:
        resource.themes.set(themes)
    if cities:
        resource.cities.set(cities)
    return resource


@pytest.fixture
def resource_factory(db):
    return make_resource
