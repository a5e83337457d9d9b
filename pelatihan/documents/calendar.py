"""iCalendar (.ics) for invitations and the private feed (``icalendar``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from icalendar import Calendar, Event, vText

from portal.core.links import public_url

from ..models import Session

PRODID = "-//BKPSDM Kota Subulussalam//Portal Pelatihan//ID"


def _calendar(method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    return cal


def _events(session: Session, *, cancelled: bool = False) -> Iterable[Event]:
    location = session.venue or session.online_url
    for day in session.days.all():
        event = Event()
        event.add("uid", f"{session.uid}-{day.date:%Y%m%d}@portal-subulussalam")
        event.add("summary", f"{session.programme.title} — {session.name}")
        event.add("dtstart", day.starts_at)
        event.add("dtend", day.ends_at)
        event.add("dtstamp", session.created_at)
        if location:
            event["location"] = vText(location)
        description = session.programme.description
        if session.online_url:
            description = f"{description}\n{session.online_url}".strip()
        event.add("description", description)
        event.add("url", public_url(reverse("pelatihan:session-detail", args=[session.pk])))
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        yield event


def session_ics(session: Session, *, cancelled: bool = False) -> bytes:
    """An invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) for one session."""
    cal = _calendar("CANCEL" if cancelled else "REQUEST")
    for event in _events(session, cancelled=cancelled):
        cal.add_component(event)
    return cal.to_ical()


def feed_ics(sessions: Iterable[Session], *, name: str) -> bytes:
    cal = _calendar()
    cal.add("x-wr-calname", name)
    for session in sessions:
        for event in _events(session):
            cal.add_component(event)
    return cal.to_ical()
