"""The cache as an optimisation only: when Redis is down, pages compute what they would have read.

Django's Redis cache raises when the server cannot be reached; the figures it holds can always be worked
out again from the database, so a read becomes a miss and a write is skipped (logged once per call).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache

log = logging.getLogger(__name__)

# What the cache client raises when Redis is unreachable or restarting (redis-py's errors derive from these).
try:
    from redis.exceptions import RedisError as _RedisError
except ImportError:  # the local-memory cache of `make run` needs no Redis client
    _RedisError = OSError  # type: ignore[assignment,misc]
UNAVAILABLE: tuple[type[BaseException], ...] = (_RedisError, OSError)


def cache_get(key: str) -> Any:
    """The cached value, or None when absent or when the cache cannot be reached."""
    try:
        return cache.get(key)
    except UNAVAILABLE:
        log.warning("cache unavailable: read skipped")
        return None


def cache_set(key: str, value: Any, seconds: int) -> None:
    try:
        cache.set(key, value, seconds)
    except UNAVAILABLE:
        log.warning("cache unavailable: write skipped")
