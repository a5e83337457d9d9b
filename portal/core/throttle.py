"""A small fixed-window rate limit in Django's cache, for public pages that are not allauth's
(allauth limits login, activation and password reset itself). With several workers the cache
must be shared (``REDIS_URL``), as for allauth's limits."""

from __future__ import annotations

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address as allauth reads it (one rule for every limit in the portal)."""
    return get_adapter().get_client_ip(request)


def allow(request, scope: str, *, limit: int, window: int, key: str = "") -> bool:
    """Count one hit of ``scope`` for the client's address (and ``key`` when given, e.g. a
    token, hashed) in the current ``window`` seconds; False once ``limit`` hits are exceeded."""
    bucket = int(time.time() // window)
    who = client_ip(request) + "|" + key
    cache_key = f"throttle:{scope}:{hashlib.sha256(who.encode()).hexdigest()[:32]}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 1):
        return True
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window + 1)
        return True
    return hits <= limit
