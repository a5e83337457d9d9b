"""The private iCal feed lists the sessions an employee is confirmed for."""

from pelatihan.documents.calendar import feed_ics
from pelatihan.selectors.sessions import feed_sessions
from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import make_participants, make_session


def test_the_ical_feed_lists_confirmed_sessions(db):
    from icalendar import Calendar


    (a,) = make_participants(1)
    s1 = make_session(ndays=2)
    s2 = make_session(start_in_days=30, ndays=1)
    enrolment_create(session=s1, employee=a)
    enrolment_create(session=s2, employee=a)
    cal = Calendar.from_ical(feed_ics(feed_sessions(a), name="Pelatihan saya"))
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 3
    assert {str(e["summary"]) for e in events} == {f"{s1.programme.title} — {s1.name}", f"{s2.programme.title} — {s2.name}"}
    assert all(str(e["location"]) == "Aula BKPSDM" for e in events)
    first = sorted(events, key=lambda e: e.decoded("dtstart"))[0]
    assert first.decoded("dtstart").hour == 8
