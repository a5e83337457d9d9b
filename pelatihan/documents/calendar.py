"""iCalendar (``icalendar``): one registration's invitation, its updates and its cancellation,
and the employee's private feed.

Every event belongs to one registration and one meeting day: its UID
(``<session uid>-<registration>-<day>@portal-subulussalam``) is the same in the first
invitation, every update, the cancellation, the .ics download and the feed, so a calendar
replaces or removes the event it already holds. STATUS follows the registration
(``rules.calendar_status``); SEQUENCE grows with every change of the registration (seconds since
it was made), so an update always wins over what the calendar has.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from icalendar import Calendar, Event, vText

from portal.core.links import public_url

from .. import rules
from ..models import Enrolment, SessionStatus

PRODID = "-//BKPSDM Kota Subulussalam//Portal Pelatihan//ID"
UID_DOMAIN = "portal-subulussalam"


def _calendar(method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    return cal


def event_uid(enrolment: Enrolment, day) -> str:
    return f"{enrolment.session.uid}-{enrolment.pk}-{day.pk}@{UID_DOMAIN}"


def status_of(enrolment: Enrolment) -> str:
    return rules.calendar_status(
        enrolment_status=enrolment.status, session_cancelled=enrolment.session.status == SessionStatus.CANCELLED
    )


def _events(enrolment: Enrolment) -> Iterable[Event]:
    session = enrolment.session
    status = status_of(enrolment)
    sequence = max(0, int((enrolment.updated_at - enrolment.created_at).total_seconds()))
    location = session.venue or session.online_url
    description = session.programme.description
    if session.online_url:
        description = f"{description}\n{session.online_url}".strip()
    for day in session.days.all():
        event = Event()
        event.add("uid", event_uid(enrolment, day))
        event.add("sequence", sequence)
        event.add("dtstamp", enrolment.updated_at)
        event.add("summary", f"{session.programme.title} — {session.name}")
        event.add("dtstart", day.starts_at)
        event.add("dtend", day.ends_at)
        if location:
            event["location"] = vText(location)
        event.add("description", description)
        event.add("url", public_url(reverse("pelatihan:session-detail", args=[session.pk])))
        event.add("status", status)
        yield event


def ics_method(enrolment: Enrolment) -> str:
    """METHOD:REQUEST (an invitation or its update) while the registration stands, METHOD:CANCEL
    once it is cancelled or rejected or the session is cancelled."""
    return "CANCEL" if status_of(enrolment) == "CANCELLED" else "REQUEST"


def enrolment_ics(enrolment: Enrolment, *, download: bool = False) -> bytes:
    """The registration's events as one iTIP message (``ics_method``), or for ``download`` a
    file to import (METHOD:PUBLISH) with the same events."""
    cal = _calendar("PUBLISH" if download else ics_method(enrolment))
    for event in _events(enrolment):
        cal.add_component(event)
    return cal.to_ical()


def feed_ics(enrolments: Iterable[Enrolment], *, name: str) -> bytes:
    """The private feed: every registration's events with the same UIDs and states as the
    e-mailed invitations (cancelled ones stay, marked CANCELLED, so a calendar drops them)."""
    cal = _calendar()
    cal.add("x-wr-calname", name)
    for enrolment in enrolments:
        for event in _events(enrolment):
            cal.add_component(event)
    return cal.to_ical()
