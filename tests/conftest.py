import os
from dataclasses import dataclass

import pytest
from django.core.cache import cache, caches
from django.utils import translation

from strongcities.celery import app as celery_app
from tests.factories import (
    CityFactory,
    CommitteeMemberFactory,
    FocalPointFactory,
    HubFactory,
    HubStaffFactory,
    UserFactory,
    enable_mfa,
)

ROLES = ["anonymous", "focal_a", "focal_b", "hub_a", "hub_b", "mu", "committee", "admin"]


@pytest.fixture(autouse=True)
def eager_celery():
    """In-process tests run tasks inline; tests/test_worker.py uses a real worker."""
    # The app reads Django settings with the CELERY_ namespace, so set the namespaced key.
    previous = celery_app.conf.task_always_eager
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = True
    yield
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = previous


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs ~0.2 s per factory user; tests don't need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are rendered afresh so query counts measure the page; the page cache has
    its own tests (tests/test_pagecache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploads and committee papers written by tests go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STEERING_PAPERS_ROOT = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-files"


@pytest.fixture(autouse=True)
def default_language():
    """A request in /fr/ leaves French active in this thread; start every test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def clear_cache():
    # allauth keeps login rate limits in the cache
    cache.clear()
    yield
    cache.clear()


@dataclass
class Network:
    hub_a: object
    hub_b: object
    city_a: object
    city_b: object
    users: dict

    def user(self, role):
        return self.users.get(role)


@pytest.fixture
def network(db):
    """Two hubs, a city in each, and one person per role (anonymous is None)."""
    hub_a = HubFactory(slug="hub-a")
    hub_b = HubFactory(slug="hub-b")
    city_a = CityFactory(hub=hub_a, country="KE", slug="city-a")
    city_b = CityFactory(hub=hub_b, country="JO", slug="city-b")
    users = {
        "anonymous": None,
        "focal_a": FocalPointFactory(city=city_a).user,
        "focal_b": FocalPointFactory(city=city_b).user,
        "hub_a": HubStaffFactory(hub=hub_a).user,
        "hub_b": HubStaffFactory(hub=hub_b).user,
        "mu": UserFactory(is_management_unit=True, is_staff=True),
        "committee": CommitteeMemberFactory(city=city_a).user,
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    from strongcities.services import make_management_unit_staff

    make_management_unit_staff(users["mu"])
    for role in ("hub_a", "hub_b", "mu", "admin"):
        enable_mfa(users[role])
    return Network(hub_a, hub_b, city_a, city_b, users)


@pytest.fixture
def client_as(client):
    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def redis_cache(settings):
    """The production shape: the default cache in Redis (REDIS_URL), its keys under a
    prefix of this test process's own. Only those keys are deleted, before and after:
    Django's clear() would empty the whole database, under other test processes (and
    the broker, which shares it here)."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL")
    prefix = f"test-{os.getpid()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "strongcities.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
        }
    }
    shared = caches["default"]

    def delete_own_keys():
        client = shared._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{prefix}:*", count=500):
            client.delete(key)

    delete_own_keys()
    yield shared
    delete_own_keys()
