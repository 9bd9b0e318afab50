from django.db.models import QuerySet

from resources.models import Resource


def latest_public_resources(limit: int = 3) -> QuerySet:
    return Resource.objects.published().order_by("-featured", "-published_at")[:limit]


def public_resources() -> QuerySet:
    return Resource.objects.published().order_by("-published_at")
