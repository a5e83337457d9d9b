"""Workshop pages: content about one training session. The session's data (dates, seats,
registration) lives in ``pelatihan`` and is read through its selectors; the register button
posts to ``pelatihan:session-register``, never to ``Page.serve``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pelatihan.models import Route
from pelatihan.selectors import enrolment as enrolment_selectors
from pelatihan.selectors import matching as training_matching
from pelatihan.selectors import sessions as session_selectors
from penilaian.models import Indicator
from penilaian.permissions import employee_of

from .blocks import WORKSHOP_RICH_TEXT_FEATURES, WorkshopBodyBlock


class WorkshopIndexPage(Page):
    """Lists the published sessions that have a workshop page, with filters."""

    intro = RichTextField(_("introduction"), blank=True, features=WORKSHOP_RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["home.WorkshopPage"]
    max_count = 1

    class Meta:
        verbose_name = _("workshop index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = {
            "indicator": request.GET.get("indikator", "").strip(),
            "month": request.GET.get("bulan", "").strip(),
            "route": request.GET.get("jalur", "").strip(),
            "with_seats": request.GET.get("tersedia") == "1",
        }
        pages = {p.session_id: p for p in WorkshopPage.objects.child_of(self).live().only("id", "title", "url_path", "path", "depth", "session_id")}
        sessions = list(session_selectors.published_sessions(session_ids=pages.keys(), **filters))
        for session in sessions:
            session.page = pages[session.pk]
        context.update(
            sessions=sessions, filters=filters, routes=Route.choices,
            indicators=Indicator.objects.filter(programmes__isnull=False).distinct().order_by("name"),
        )
        return context


class WorkshopPage(Page):
    """One session's page: rich content plus the live seats and the register button."""

    session = models.ForeignKey(
        "pelatihan.Session", verbose_name=_("training session"), on_delete=models.PROTECT,
        related_name="workshop_pages",
    )
    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(WorkshopBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("session"), FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.WorkshopIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("workshop page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        session = session_selectors.session_for_page(self.session_id)
        employee = employee_of(request.user)
        enrolment = enrolment_selectors.enrolment_of(session, employee)
        context.update(
            session=session, enrolment=enrolment,
            position=enrolment_selectors.waiting_position(enrolment) if enrolment else None,
            my_gaps=training_matching.gaps_addressed(employee, session),
        )
        return context


@dataclass(frozen=True)
class UpcomingWorkshop:
    title: str
    start: dt.date  # the first meeting day
    url: str
    seats_left: int


def upcoming_workshops(*, limit: int = 4) -> list[UpcomingWorkshop]:
    """Published sessions that have a live, public workshop page, soonest first (two queries)."""
    sessions = list(session_selectors.published_sessions()[: limit * 3])
    pages = {
        p.session_id: p
        for p in WorkshopPage.objects.live().public().filter(session_id__in=[s.pk for s in sessions])
    }
    return [
        UpcomingWorkshop(title=pages[s.pk].title, start=s.first_date, url=pages[s.pk].url, seats_left=s.seats_left)
        for s in sessions
        if s.pk in pages
    ][:limit]
