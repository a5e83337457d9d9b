"""Calendar files follow the registration: one UID per registration and meeting day, the same in
the first invitation, its updates, the cancellation, the .ics download and the private feed;
STATUS tentative → confirmed → cancelled; METHOD:CANCEL when the registration or the session
is cancelled, or the supervisor rejects it."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from pelatihan.documents.calendar import feed_ics
from pelatihan.models import Enrolment
from pelatihan.selectors.sessions import feed_enrolments
from pelatihan.services import enrolment as enrolment_services
from pelatihan.services import sessions as session_services
from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import login, make_participants, make_session


def _invitation(message):
    """(METHOD, {UID: (STATUS, SEQUENCE)}) of the .ics a mail carries."""
    (name, content, mimetype) = message.attachments[0]
    cal = Calendar.from_ical(content)
    events = {str(e["uid"]): (str(e["status"]), int(e["sequence"])) for e in cal.walk("VEVENT")}
    assert mimetype == f"text/calendar; method={cal['method']}" and name.endswith(".ics")
    return str(cal["method"]), events


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run a service and return the mails it sent (they leave on commit)."""

    def run(fn, **kwargs):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = fn(**kwargs)
        return result, mail.outbox[before:]

    return run


def test_the_ical_feed_lists_the_registrations_with_their_states(db):
    (a,) = make_participants(1)
    s1 = make_session(ndays=2)
    s2 = make_session(start_in_days=30, ndays=1, approval_required=True)
    enrolment_create(session=s1, employee=a)
    enrolment_create(session=s2, employee=a)
    cal = Calendar.from_ical(feed_ics(feed_enrolments(a), name="Pelatihan saya"))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 3
    assert {str(e["summary"]) for e in events} == {f"{s1.programme.title} — {s1.name}", f"{s2.programme.title} — {s2.name}"}
    assert all(str(e["location"]) == "Aula BKPSDM" for e in events)
    first = sorted(events, key=lambda e: e.decoded("dtstart"))[0]
    assert first.decoded("dtstart").hour == 8
    states = {str(e["summary"]): str(e["status"]) for e in events}
    assert states == {f"{s1.programme.title} — {s1.name}": "CONFIRMED", f"{s2.programme.title} — {s2.name}": "TENTATIVE"}


def test_approval_turns_the_tentative_invitation_confirmed_under_the_same_uids(city, supervisor_user, mails):
    session = make_session(ndays=2, approval_required=True)
    result, sent = mails(enrolment_create, session=session, employee=city.teacher)
    mine = [m for m in sent if m.to == [city.teacher.email]]
    assert len(mine) == 1  # the supervisor's request carries no invitation for their calendar
    assert all(not m.attachments for m in sent if m.to != [city.teacher.email])
    method, first = _invitation(mine[0])
    assert method == "REQUEST" and {s for s, _q in first.values()} == {"TENTATIVE"} and len(first) == 2
    _e, sent = mails(enrolment_services.enrolment_approve, enrolment=result.enrolment, actor=supervisor_user)
    method, update = _invitation(sent[0])
    assert method == "REQUEST" and update.keys() == first.keys()
    assert all(update[uid][0] == "CONFIRMED" and update[uid][1] >= first[uid][1] for uid in first)


def test_rejection_cancels_the_tentative_invitation(city, supervisor_user, mails):
    session = make_session(approval_required=True)
    result, sent = mails(enrolment_create, session=session, employee=city.teacher)
    _m, first = _invitation(next(m for m in sent if m.to == [city.teacher.email]))
    _e, sent = mails(enrolment_services.enrolment_reject, enrolment=result.enrolment, actor=supervisor_user,
                     reason="Jadwal bentrok dengan ujian sekolah")
    method, cancel = _invitation(sent[0])
    assert method == "CANCEL" and cancel.keys() == first.keys() and {s for s, _q in cancel.values()} == {"CANCELLED"}


def test_cancelling_a_registration_sends_a_cancel_with_the_same_uids(city, mails):
    session = make_session(ndays=3)
    result, sent = mails(enrolment_create, session=session, employee=city.teacher)
    _m, first = _invitation(sent[0])
    assert {s for s, _q in first.values()} == {"CONFIRMED"}
    _p, sent = mails(enrolment_services.enrolment_cancel, enrolment=result.enrolment, actor=None)
    method, cancel = _invitation(sent[0])
    assert method == "CANCEL" and cancel.keys() == first.keys()
    assert all(cancel[uid][0] == "CANCELLED" and cancel[uid][1] >= first[uid][1] for uid in first)
    # The feed says the same.
    feed = Calendar.from_ical(feed_ics(feed_enrolments(city.teacher), name="x"))
    assert {str(e["uid"]): str(e["status"]) for e in feed.walk("VEVENT")} == dict.fromkeys(first, "CANCELLED")


def test_a_cancelled_session_sends_each_participant_a_cancel_with_their_uids(db, hr_user, mails):
    session = make_session(capacity=1)
    people = make_participants(2)
    firsts = {}
    for person in people:
        result, sent = mails(enrolment_create, session=session, employee=person)
        firsts[person.email] = _invitation(sent[0])[1]
    # One seat: the first is confirmed, the second waits (tentative).
    assert [{s for s, _q in f.values()} for f in firsts.values()] == [{"CONFIRMED"}, {"TENTATIVE"}]
    _s, sent = mails(session_services.session_cancel, session=session, actor=hr_user)
    assert len(sent) == 2
    for message in sent:
        method, cancel = _invitation(message)
        assert method == "CANCEL" and cancel.keys() == firsts[message.to[0]].keys()
        assert {s for s, _q in cancel.values()} == {"CANCELLED"}
    uids = [uid for f in firsts.values() for uid in f]
    assert len(set(uids)) == len(uids)  # one UID per registration and day


def test_each_registration_has_its_own_ics_download(client, city, employee_user, colleague_user):
    session = make_session(ndays=2)
    enrolment = enrolment_create(session=session, employee=city.teacher).enrolment
    url = reverse("pelatihan:enrolment-calendar", args=[enrolment.pk])
    login(client, employee_user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert f'filename="pelatihan-{enrolment.pk}.ics"' in response["Content-Disposition"]
    cal = Calendar.from_ical(response.content)
    feed = Calendar.from_ical(feed_ics(feed_enrolments(city.teacher), name="x"))
    assert {str(e["uid"]) for e in cal.walk("VEVENT")} == {str(e["uid"]) for e in feed.walk("VEVENT")}
    assert {str(e["status"]) for e in cal.walk("VEVENT")} == {"CONFIRMED"}
    assert reverse("pelatihan:enrolment-calendar", args=[enrolment.pk]) in client.get(
        reverse("pelatihan:my-enrolments")).content.decode()
    login(client, colleague_user)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 405
    assert client.get(reverse("pelatihan:enrolment-calendar", args=[Enrolment.objects.count() + 99])).status_code == 404
