"""Registration through the services: seats, the waiting list, approval, eligibility, clashes."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from pelatihan.exceptions import EnrolmentError
from pelatihan.models import EnrolmentStatus, SessionStatus
from pelatihan.selectors.enrolment import waiting_list, waiting_position
from pelatihan.selectors.sessions import seats_left
from pelatihan.services.enrolment import enrolment_approve, enrolment_cancel, enrolment_create, enrolment_reject
from tests import factories as f
from tests.pelatihan.factories import make_participants, make_session, register


def test_it_confirms_until_capacity_then_puts_the_next_on_the_waiting_list(session):
    people = make_participants(5)
    statuses = [register(session, p).status for p in people]
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 2
    waiting = list(waiting_list(session))
    assert [e.employee for e in waiting] == people[3:]
    assert [waiting_position(e) for e in waiting] == [1, 2]
    assert seats_left(session) == 0


def test_it_refuses_a_double_registration(session):
    (p,) = make_participants(1)
    register(session, p)
    with pytest.raises(EnrolmentError) as exc:
        register(session, p)
    assert exc.value.code == "already"


def test_cancelling_promotes_the_head_of_the_waiting_list_with_an_email(session, django_capture_on_commit_callbacks):
    people = make_participants(5)
    enrolments = [register(session, p) for p in people]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = enrolment_cancel(enrolment=enrolments[0])
    assert promoted.employee == people[3]
    enrolments[3].refresh_from_db()
    enrolments[4].refresh_from_db()
    assert enrolments[3].status == "confirmed"
    assert waiting_position(enrolments[4]) == 1
    assert any("freed up" in m.subject or "Kursi" in m.subject or people[3].email in m.to for m in mail.outbox)
    assert any(people[3].email in m.to for m in mail.outbox)


def test_cancelling_a_waiting_entry_promotes_nobody(session):
    people = make_participants(4)
    enrolments = [register(session, p) for p in people]
    assert enrolment_cancel(enrolment=enrolments[3]) is None
    assert seats_left(session) == 0


def test_it_refuses_to_cancel_after_the_start(db):
    today = timezone.localdate()
    session = make_session(days=[(today, dt.time(0, 0), dt.time(23, 59))])
    (p,) = make_participants(1)
    enrolment = register(session, p, by_hr=True)
    with pytest.raises(EnrolmentError) as exc:
        enrolment_cancel(enrolment=enrolment)
    assert exc.value.code == "started"


def test_a_cancelled_employee_can_register_again(session):
    (p,) = make_participants(1)
    enrolment = register(session, p)
    enrolment_cancel(enrolment=enrolment)
    again = register(session, p)
    assert again.pk == enrolment.pk and again.status == "confirmed"


def test_registration_window_and_status_are_enforced(db):
    now = timezone.now()
    (p,) = make_participants(1)
    later = make_session(registration_opens_at=now + dt.timedelta(days=1))
    with pytest.raises(EnrolmentError) as exc:
        register(later, p)
    assert exc.value.code == "closed"
    draft = make_session(status=SessionStatus.DRAFT)
    with pytest.raises(EnrolmentError):
        register(draft, p)
    # HR may enrol outside the window.
    assert register(later, p, by_hr=True).status == "confirmed"


def test_eligibility_by_unit_and_position_kind(city):
    session = make_session(eligible_units=[city.disdik], eligible_position_kinds=["fungsional"])
    assert register(session, city.teacher).status == "confirmed"  # school is below disdik
    with pytest.raises(EnrolmentError) as exc:
        register(session, city.nurse)
    assert exc.value.code == "not_eligible"


def test_it_warns_about_a_clash_with_another_confirmed_session(db):
    (p,) = make_participants(1)
    first = make_session(start_in_days=10)
    second = make_session(start_in_days=11)
    register(first, p)
    result = enrolment_create(session=second, employee=p)
    assert result.clashes == [first]
    assert result.enrolment.status == "confirmed"


def test_approval_by_the_supervisor(city, supervisor_user, colleague_user, django_capture_on_commit_callbacks):
    session = make_session(approval_required=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = register(session, city.teacher)
    assert enrolment.status == EnrolmentStatus.PENDING_APPROVAL
    assert any(city.school_head.email in m.to for m in mail.outbox)  # the approval request
    with pytest.raises(EnrolmentError) as exc:
        enrolment_approve(enrolment=enrolment, actor=colleague_user)
    assert exc.value.code == "not_allowed"
    enrolment_approve(enrolment=enrolment, actor=supervisor_user)
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"
    # A second approved registration finds the session full: waiting list.
    other = register(session, city.fellow_teacher)
    enrolment_approve(enrolment=other, actor=supervisor_user)
    other.refresh_from_db()
    assert other.status == "waiting"


def test_rejection_needs_a_reason(city, supervisor_user):
    session = make_session(approval_required=True)
    enrolment = register(session, city.teacher)
    with pytest.raises(EnrolmentError) as exc:
        enrolment_reject(enrolment=enrolment, actor=supervisor_user, reason="  ")
    assert exc.value.code == "reason_required"
    enrolment_reject(enrolment=enrolment, actor=supervisor_user, reason="Jadwal ujian sekolah")
    enrolment.refresh_from_db()
    assert enrolment.status == "rejected" and enrolment.reason == "Jadwal ujian sekolah"


def test_hr_direct_enrolment_skips_approval(city, hr_user):
    session = make_session(approval_required=True)
    enrolment = register(session, city.teacher, actor=hr_user, by_hr=True)
    assert enrolment.status == "confirmed" and enrolment.source == "hr"


def test_a_user_account_factory_still_works(db):
    assert f.make_user()
