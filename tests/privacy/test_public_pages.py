"""Public pages and the public API never show the demo people's email addresses or
telephone numbers: every page an anonymous visitor can reach from the home page, in each
language, and every public API list, is scanned for them."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from events.models import Registration
from hubs.models import Stakeholder
from strongcities.demo import seed_demo_network

pytestmark = pytest.mark.django_db

PAGE_LIMIT = 300
SKIP = re.compile(r"^/(static|media|admin)/|\.(ics|xml|csv|xlsx|zip|pdf|png|svg)$|/feed")
API_LISTS = [
    "/api/v1/cities/",
    "/api/v1/hubs/",
    "/api/v1/events/",
    "/api/v1/resources/",
    "/api/v1/steering/members/",
    "/api/v1/steering/plans/",
]
LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')


def contact_details() -> set[str]:
    emails = set(get_user_model().objects.values_list("email", flat=True))
    emails |= set(Stakeholder.objects.exclude(email="").values_list("email", flat=True))
    emails |= set(
        Registration.objects.exclude(guest_email="").values_list("guest_email", flat=True)
    )
    phones = set(Stakeholder.objects.exclude(phone="").values_list("phone", flat=True))
    return {value.lower() for value in emails | phones if value}


def crawl(client):
    seen, queue = set(), deque(["/ar/", "/en/", "/fr/"])
    while queue and len(seen) < PAGE_LIMIT:
        path = queue.popleft()
        if path in seen or SKIP.search(path):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        yield path, body
        for link in LINK.findall(body):
            if not urlsplit(link).netloc and link not in seen:
                queue.append(link)


def test_no_public_page_or_api_shows_a_persons_contact_details(client):
    seed_demo_network()
    secrets = contact_details()
    assert len(secrets) > 5  # the demo network has people to look for
    leaks, pages = [], 0
    for path, body in crawl(client):
        pages += 1
        lowered = body.lower()
        leaks += [f"{path}: {secret}" for secret in secrets if secret in lowered]
    for path in API_LISTS:
        response = client.get(path)
        assert response.status_code == 200, path
        lowered = response.content.decode().lower()
        leaks += [f"{path}: {secret}" for secret in secrets if secret in lowered]
    assert pages > 50  # the crawl reached the directory, hubs, events and resources
    assert leaks == []
