"""The cache backend: Django's Redis cache that degrades to "no cache" when Redis is unreachable.

The cache only ever holds what can be rebuilt (rendered figures, Wagtail's site root paths, rate
limit counters), so an outage must cost speed, never a page or a write. Every operation that
fails to reach Redis answers as an empty cache would: a miss on reads, ``ValueError`` from
``incr`` (as for a missing key). ``add`` answers "stored": callers that use it as a short lock
(allauth's rate limiter) then go ahead instead of refusing every sign-in; nothing in the project
relies on the cache for correctness (login lockout is in the database, django-axes). The first failure is logged as a
warning and
the recovery as info, once per outage, not once per request. After a failure the backend does
not try Redis again for ``RETRY_AFTER`` seconds, so a Redis that hangs (rather than refusing)
costs one connect timeout per worker per interval, not one per cache call.

Sessions are stored in the database (Django's default ``SESSION_ENGINE``), never only here.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds


class _Unreachable(Exception):
    pass


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_since: float | None = None

    def _call(self, method, *args, **kwargs):
        if self._down_since is not None and time.monotonic() - self._down_since < RETRY_AFTER:
            raise _Unreachable
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as exc:
            if self._down_since is None:
                logger.warning("cache unreachable, serving uncached until it is back: %s", exc)
            self._down_since = time.monotonic()
            raise _Unreachable from exc
        if self._down_since is not None:
            logger.info("cache reachable again")
            self._down_since = None
        return result

    def _or(self, fallback, method, *args, **kwargs):
        try:
            return self._call(method, *args, **kwargs)
        except _Unreachable:
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return self._call(super().incr, key, delta, version)
        except _Unreachable:
            raise ValueError(f"Key '{key}' not found (cache unreachable)") from None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)

    def clear(self):
        return self._or(False, super().clear)
