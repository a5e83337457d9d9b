"""Reads of the content pages. Other apps (gap pages, workshop pages) call
``guidance_for_indicators`` and ``good_practices_for_indicators``.

Every function takes the user: pages under a view restriction the user does not pass (internal
material behind login) are left out, the same rule Wagtail applies when it serves the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from penilaian.models import Indicator

from .models import AnnouncementPage, GoodPracticePage, GuidancePage, GuidancePageTag

SEARCH_PER_PAGE = 10


def restricted_paths_for(user) -> list[str]:
    """Tree paths of the pages whose view restriction ``user`` does not pass.

    Restrictions are few (one per private section), so they are read once and checked here
    rather than joined into every query. A password restriction is never passed here: such a
    page is reached by its own form, not listed.
    """
    paths = []
    group_ids = None
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
        kind = restriction.restriction_type
        if kind == PageViewRestriction.LOGIN and user.is_authenticated:
            continue
        if kind == PageViewRestriction.GROUPS and user.is_authenticated:
            if user.is_superuser:
                continue
            if group_ids is None:
                group_ids = set(user.groups.values_list("pk", flat=True))
            if group_ids & {g.pk for g in restriction.groups.all()}:
                continue
        paths.append(restriction.page.path)
    return paths


def visible(queryset: QuerySet, user) -> QuerySet:
    """Live pages of ``queryset`` that ``user`` may read."""
    queryset = queryset.live()
    paths = restricted_paths_for(user)
    if paths:
        blocked = Q()
        for path in paths:
            blocked |= Q(path__startswith=path)
        queryset = queryset.exclude(blocked)
    return queryset


def _with_parent_values(indicator_ids: Iterable[int]) -> set[int]:
    """The indicators and, for a guideline behaviour, the BerAKHLAK value above it: guidance on
    "Akuntabel" answers a gap on "does not misuse authority"."""
    ids = {int(i) for i in indicator_ids}
    if not ids:
        return ids
    parents = Indicator.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent_id", flat=True)
    return ids | set(parents)


def guidance_for_indicators(indicator_ids: Iterable[int], *, user, limit: int | None = None) -> list[GuidancePage]:
    """Guidance pages tagged with any of the indicators (or their BerAKHLAK value), by title."""
    ids = _with_parent_values(indicator_ids)
    if not ids:
        return []
    pages = visible(GuidancePage.objects.filter(indicators__in=ids), user).distinct().order_by("title")
    return list(pages[:limit] if limit else pages)


def good_practices_for_indicators(indicator_ids: Iterable[int], *, user, limit: int | None = 5) -> list[GoodPracticePage]:
    ids = _with_parent_values(indicator_ids)
    if not ids:
        return []
    pages = (
        visible(GoodPracticePage.objects.filter(indicators__in=ids), user)
        .distinct()
        .order_by("-first_published_at")
    )
    return list(pages[:limit] if limit else pages)


def current_announcements(*, user, limit: int = 3) -> list[AnnouncementPage]:
    """Announcements for the home page: dated today or earlier and not expired, newest first."""
    today = timezone.localdate()
    qs = visible(AnnouncementPage.objects.filter(date__lte=today), user).filter(
        Q(expires__isnull=True) | Q(expires__gte=today)
    )
    return list(qs.order_by("-date", "-pk")[:limit])


def announcements(*, user, parent: Page | None = None) -> QuerySet:
    qs = visible(AnnouncementPage.objects.all(), user)
    if parent is not None:
        qs = qs.child_of(parent)
    return qs.order_by("-date", "-pk")


def good_practices(*, user, parent: Page | None = None) -> QuerySet:
    qs = visible(GoodPracticePage.objects.all(), user).prefetch_related("units")
    if parent is not None:
        qs = qs.child_of(parent)
    return qs.order_by("-first_published_at")


def paginate(items, number, *, per_page: int):
    return Paginator(items, per_page).get_page(number)


def guidance_library(index_page: Page, *, user, params: Mapping[str, str]) -> dict:
    """The guidance index: its pages, optionally filtered by topic (``topik``, a tag slug) or by
    indicator (``indikator``, an indicator code), with the filters on offer."""
    pages = visible(GuidancePage.objects.child_of(index_page), user).order_by("title")
    topic = (params.get("topik") or "").strip()
    indicator_code = (params.get("indikator") or "").strip()
    indicator = None
    if topic:
        pages = pages.filter(tags__slug=topic)
    if indicator_code:
        indicator = Indicator.objects.filter(code=indicator_code).first()
        pages = pages.filter(indicators__in=_with_parent_values([indicator.pk])) if indicator else pages.none()
    pages = list(pages.distinct().prefetch_related("tags"))
    visible_here = visible(GuidancePage.objects.child_of(index_page), user)
    topics = (
        GuidancePageTag.objects.filter(content_object__in=visible_here)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )
    # Tell a visitor who is not signed in that there is more behind the login.
    internal_hidden = not user.is_authenticated and (
        GuidancePage.objects.child_of(index_page).live().count() > visible_here.count()
    )
    return {
        "guidance_pages": pages,
        "topics": list(topics),
        "active_topic": topic,
        "active_indicator": indicator,
        "internal_hidden": internal_hidden,
    }


def search_pages(query: str, *, user, page_number=None, per_page: int = SEARCH_PER_PAGE):
    """Full-text search over every live page the user may read (guidance, announcements, good
    practice and — once they exist — workshop pages). The PostgreSQL backend uses the
    'indonesian' text-search configuration (see settings), so "pelatihan" also finds "melatih"."""
    query = (query or "").strip()
    if not query:
        return None
    queryset = visible(Page.objects.filter(depth__gt=2), user)
    results = queryset.specific().search(query, operator="and")
    return paginate(results, page_number, per_page=per_page)


@dataclass(frozen=True)
class UpcomingWorkshop:
    title: str
    start: object  # date of the first meeting day
    url: str
    seats_left: int


def upcoming_workshops(*, limit: int = 4) -> list[UpcomingWorkshop]:
    """Published sessions that have a live, public workshop page, soonest first (two queries)."""
    from pelatihan.selectors import sessions as training

    from .workshop_pages import WorkshopPage

    sessions = list(training.published_sessions()[: limit * 3])
    pages = {
        p.session_id: p
        for p in WorkshopPage.objects.live().public().filter(session_id__in=[s.pk for s in sessions])
    }
    return [
        UpcomingWorkshop(title=pages[s.pk].title, start=s.first_date, url=pages[s.pk].url, seats_left=s.seats_left)
        for s in sessions
        if s.pk in pages
    ][:limit]


def jp_this_year(user) -> dict | None:
    """JP earned this year against the employee's target, for the home page's next steps."""
    from pelatihan import rules as training_rules
    from pelatihan.selectors import history as training
    from penilaian.permissions import employee_of

    employee = employee_of(user)
    if employee is None:
        return None
    year = timezone.localdate().year
    return {"jp": training.jp_in_year(employee, year), "target": training_rules.jp_target(employee.employee_type)}
