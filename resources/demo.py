"""Seed the online resource hub with the demo resources of resources/demo_data.py.

Idempotent: resources are looked up by slug and updated in place; cities, themes,
hubs or people missing from the demo network are skipped, so this also runs on an
empty database (the relevance tests use it as their corpus).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hubs.models import Hub
from members.models import City, StrategicPriority, ThematicArea
from resources.demo_data import RESOURCES
from resources.models import LANGS, Resource, ResourceLink
from resources.services import record_shared_information

TRANSLATED = ("title", "summary", "body", "quote", "quote_attribution", "author")
GOOD_PRACTICE = (
    "approach",
    "aim",
    "target_group",
    "methods",
    "results",
    "lessons_learned",
    "contact_point",
)

MANAGEMENT_UNIT = {
    "ar": "وحدة إدارة المدن القوية",
    "en": "Strong Cities Network Management Unit",
    "fr": "Unité de gestion du Strong Cities Network",
}


def _city(key):
    if not key:
        return None
    country, slug = key.split("/")
    return City.objects.filter(country=country, slug=slug).first()


@transaction.atomic
def seed_demo_resources() -> list[Resource]:
    themes = {t.slug: t for t in ThematicArea.objects.all()}
    priorities = {p.number: p for p in StrategicPriority.objects.all()}
    hubs = {h.slug: h for h in Hub.objects.all()}
    User = get_user_model()
    seeded = []
    for data in RESOURCES:
        status = data.get("status", Resource.Status.PUBLISHED)
        languages = data.get("in", LANGS)
        fields = {
            "kind": data["kind"],
            "status": status,
            "featured": data.get("featured", False),
            "publication_date": datetime.date(data["year"], 3, 15),
            "spotlight_city": _city(data.get("spotlight")),
            "submitted_city": _city(data.get("submitted_city")),
            "submitted_by": User.objects.filter(email=data.get("submitted_by", "-")).first(),
            "submitted_language": languages[0] if data.get("submitted_by") else "",
            **{f"in_{code}": code in languages for code in LANGS},
        }
        data = {"author": MANAGEMENT_UNIT, **data}
        for name in TRANSLATED:
            column = "author_organisation" if name == "author" else name
            for code in LANGS:
                fields[f"{column}_{code}"] = data.get(name, {}).get(code, "")
        for name in GOOD_PRACTICE:
            for code in LANGS:
                fields[f"{name}_{code}"] = data.get("good_practice", {}).get(name, {}).get(code, "")
        resource = Resource.objects.filter(slug=data["slug"]).first() or Resource(slug=data["slug"])
        for name, value in fields.items():
            setattr(resource, name, value)
        if status == Resource.Status.PUBLISHED and resource.published_at is None:
            resource.published_at = timezone.make_aware(datetime.datetime(data["year"], 3, 20, 9))
        resource.save()
        resource.themes.set([themes[s] for s in data["themes"] if s in themes])
        resource.priorities.set([priorities[n] for n in data["priorities"] if n in priorities])
        resource.hubs.set([hubs[s] for s in data["hubs"] if s in hubs])
        resource.cities.set([c for c in map(_city, data["cities"]) if c])
        for order, link in enumerate(data.get("links", [])):
            ResourceLink.objects.update_or_create(
                resource=resource,
                url=link["url"],
                defaults={"label": link["label"], "sort_order": order},
            )
        # A published spotlight or member submission counts as shared information.
        record_shared_information(resource)
        seeded.append(resource)
    return seeded
