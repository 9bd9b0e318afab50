"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's `RedisCacheClient` builds a new `redis.Redis` object for every call: about
0.1 ms each on this machine, more than a GET on loopback takes. A signed-in request
pays it for its session, a rate limit and the page cache's lookup. A client is
thread-safe (each command takes a connection from the pool and gives it back), so one
per pool serves the whole process; the pool itself notices a fork and reconnects.
"""

from django.core.cache.backends import redis as django_redis


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # connection pool -> its redis.Redis

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
