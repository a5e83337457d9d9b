"""Anonymous visitors get Wagtail pages from the shared cache; publishing empties it.

Only a request that carries no session and no message cookie (so nobody is signed in and no
one-off message waits) is answered from, or stored in, the cache; only Wagtail's page view is
stored, only a plain 200 without cookies (a page that rendered a CSRF token sets one and is
never stored) and not marked private. So a signed-in user's page — "Rekomendasi untuk Anda",
their name, their forms — never enters the cache, and nobody is ever served someone else's
page. The key holds the host, the language chosen with the switch, the path and query.

Publishing, unpublishing, moving or deleting a page, or saving the site settings, moves the
cache's *generation* on: every stored page is forgotten at once, on every instance (the cache
is Redis when ``REDIS_URL`` is set). Live figures on pages (free seats) are at most
``PAGE_CACHE_SECONDS`` old.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "pagecache:generation"
PAGE_VIEW = "wagtail_serve"
# Headers of the stored response worth keeping; the outer middleware adds the rest anew.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control", "Last-Modified", "ETag")


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def context(request) -> dict:
    """``content_generation`` for templates: the key part of fragments cached until the next
    publication (the header's logo and menu, the footer)."""
    return {"content_generation": _generation()}


def invalidate(**_kwargs) -> None:
    """Forget every cached page, on every instance sharing the cache."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


page_published.connect(invalidate, dispatch_uid="pagecache-published")
page_unpublished.connect(invalidate, dispatch_uid="pagecache-unpublished")
post_page_move.connect(invalidate, dispatch_uid="pagecache-moved")


@receiver(post_save, dispatch_uid="pagecache-settings")
def _settings_saved(sender, instance=None, **kwargs):
    if isinstance(instance, BaseSiteSetting):  # menu, footer, contact: on every page
        invalidate()


@receiver(post_delete, dispatch_uid="pagecache-deleted")
def _deleted(sender, instance=None, **kwargs):
    if isinstance(instance, (Page, BaseSiteSetting)):
        invalidate()


def _language(request) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


def cache_key(request) -> str | None:
    """The cache key of an anonymous GET/HEAD, or None when this request must not be cached."""
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    target = f"{request.get_host()}|{_language(request)}|{request.get_full_path()}"
    return f"pagecache:{_generation()}:{hashlib.sha256(target.encode()).hexdigest()}"


def _storable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "GET"
        and match is not None
        and match.url_name == PAGE_VIEW
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Place it outside the session, CSRF and message middleware (it must see their cookies)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if key is not None and _storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
