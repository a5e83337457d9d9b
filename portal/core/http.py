"""Small helpers every app's views share."""

from __future__ import annotations

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str) -> str:
    """The ``next`` parameter (POST, then GET) when it points back into this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def error_message(exc: ValidationError) -> str:
    """A domain error (a ``ValidationError`` subclass with a code) as one line for ``messages``."""
    return " ".join(exc.messages)


def over_limit(request, *, scope: str, limits: list[tuple[int, int]]) -> bool:
    """Count this request against the client address and say whether it goes over any of
    ``limits`` — (requests, seconds) windows — for ``scope``. Counts live in the cache (shared by
    every worker once REDIS_URL is set), one fixed window per address. Works for GET as well
    (public pages anyone may open, but not without end)."""
    address = get_adapter().get_client_ip(request)
    now = int(time.time())
    over = False
    for amount, seconds in limits:
        key = f"portal:limit:{scope}:{seconds}:{now // seconds}:{address}"
        cache.add(key, 0, seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.set(key, 1, seconds + 1)
            count = 1
        over = over or count > amount
    return over

