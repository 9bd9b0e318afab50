"""strongcities.cache.RedisCache: Django's Redis cache with one client per process."""

import os

import pytest

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client("some-key", write=True) is client


def test_behaves_as_djangos_redis_cache(redis_cache):
    redis_cache.set("a", {"x": 1}, 30)
    assert redis_cache.get("a") == {"x": 1}
    assert redis_cache.add("a", "other", 30) is False
    assert redis_cache.get_many(["a", "missing"]) == {"a": {"x": 1}}
    redis_cache.set("n", 1, 30)
    assert redis_cache.incr("n", 4) == 5
    redis_cache.delete("a")
    assert redis_cache.get("a", "gone") == "gone"


def test_sessions_live_in_it(client, redis_cache, network):
    """The session engine (cached_db) reads through the same reused client."""
    client.force_login(network.users["focal_a"])
    assert client.get("/en/members/my-city/").status_code == 302  # to their city's page
    session_keys = [k for k in redis_cache._cache.get_client().keys("*") if b"session" in k]
    assert session_keys
