"""Page-tree reads the content pages share: which pages a user may read, and which pages are
about an appraisal indicator.

This module sits below the models and imports none of them: the models attach these querysets
to their managers and call them from ``get_context``; ``selectors.py`` (reads for views and
other callers) builds on the models. Dependencies point one way: querysets ← models ← selectors.

Every read takes the user: pages under a view restriction the user does not pass (internal
material behind login) are left out, the same rule Wagtail applies when it serves the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import PageManager, PageQuerySet, PageViewRestriction

from penilaian.models import Indicator


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
    """Live pages of ``queryset`` (any page queryset) that ``user`` may read."""
    queryset = queryset.live()
    paths = restricted_paths_for(user)
    if paths:
        blocked = Q()
        for path in paths:
            blocked |= Q(path__startswith=path)
        queryset = queryset.exclude(blocked)
    return queryset


def with_parent_values(indicator_ids: Iterable[int]) -> set[int]:
    """The indicators and, for a guideline behaviour, the BerAKHLAK value above it: guidance on
    "Akuntabel" answers a gap on "does not misuse authority"."""
    ids = {int(i) for i in indicator_ids}
    if not ids:
        return ids
    parents = Indicator.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent_id", flat=True)
    return ids | set(parents)


class ContentPageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Live pages that ``user`` may read."""
        return visible(self, user)

    def about(self, indicator_ids: Iterable[int], *, user):
        """Pages ``user`` may read that are tagged with any of the indicators (or with the
        BerAKHLAK value above one); none, without a query, when there are no indicators. For
        pages with an ``indicators`` field."""
        ids = with_parent_values(indicator_ids)
        if not ids:
            return self.none()
        return visible(self.filter(indicators__in=ids), user).distinct()


class AnnouncementQuerySet(ContentPageQuerySet):
    def current(self, today: dt.date | None = None):
        """Announcements for the home page: dated today or earlier and not expired."""
        today = today or timezone.localdate()
        return self.filter(date__lte=today).filter(Q(expires__isnull=True) | Q(expires__gte=today))


ContentPageManager = PageManager.from_queryset(ContentPageQuerySet)
AnnouncementManager = PageManager.from_queryset(AnnouncementQuerySet)
