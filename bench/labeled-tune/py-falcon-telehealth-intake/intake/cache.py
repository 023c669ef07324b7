import json

import redis


class JsonCache:
    """Thin wrapper so resources don't depend on redis directly."""

    def __init__(self, url, ttl=3600):
        self._r = redis.Redis.from_url(url, socket_timeout=2)
        self.ttl = ttl

    def put(self, key, value, ttl=None):
        self._r.setex(key, ttl or self.ttl, json.dumps(value, default=str))

    def get(self, key):
        raw = self._r.get(key)
        return json.loads(raw) if raw else None

    def incr(self, key):
        return self._r.incr(key)

    def drop(self, key):
        self._r.delete(key)
