"""Reads of the content pages for callers outside the pages themselves: the search view, and
the gap and workshop pages that ask for guidance and good practice on an indicator.

Built on the models' querysets (``querysets.py``), so the rules are the pages' own. Every
function takes the user: pages under a view restriction the user does not pass (internal
material behind login) are left out, the same rule Wagtail applies when it serves the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import Paginator
from wagtail.models import Page

from .models import GoodPracticePage, GuidancePage
from .querysets import visible

SEARCH_PER_PAGE = 10


def guidance_for_indicators(indicator_ids: Iterable[int], *, user, limit: int | None = None) -> list[GuidancePage]:
    """Guidance pages tagged with any of the indicators (or their BerAKHLAK value), by title."""
    pages = GuidancePage.objects.about(indicator_ids, user=user).order_by("title")
    return list(pages[:limit] if limit else pages)


def good_practices_for_indicators(indicator_ids: Iterable[int], *, user, limit: int | None = 5) -> list[GoodPracticePage]:
    pages = GoodPracticePage.objects.about(indicator_ids, user=user).order_by("-first_published_at")
    return list(pages[:limit] if limit else pages)


def search_pages(query: str, *, user, page_number=None, per_page: int = SEARCH_PER_PAGE):
    """Full-text search over every live page the user may read (guidance, announcements, good
    practice and workshop pages). The PostgreSQL backend uses the 'indonesian' text-search
    configuration (see settings), so "pelatihan" also finds "melatih"."""
    query = (query or "").strip()
    if not query:
        return None
    queryset = visible(Page.objects.filter(depth__gt=2), user)
    results = queryset.specific().search(query, operator="and")
    return Paginator(results, per_page).get_page(page_number)
