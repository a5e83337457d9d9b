"""Approving several registrations at once: each through the one approval (audited, mail after
commit); what can no longer be approved is reported and the rest still go through."""

from django.core import mail
from wagtail.models import ModelLogEntry

from pelatihan.models import EnrolmentStatus
from pelatihan.services.enrolment import enrolment_approve_many, enrolment_reject
from tests import factories as f
from tests.pelatihan.factories import make_session, register


def test_it_approves_the_ticked_and_reports_the_rest(city, supervisor_user, django_capture_on_commit_callbacks):
    session = make_session(approval_required=True, capacity=1)
    other = make_session(approval_required=True)
    first = register(session, city.teacher)
    second = register(session, city.fellow_teacher)  # finds the one seat taken: waiting list
    decided = register(other, city.teacher)
    enrolment_reject(enrolment=decided, actor=supervisor_user, reason="Jadwal ujian")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        batch = enrolment_approve_many(enrolment_ids=[second.pk, first.pk, decided.pk, 999999], actor=supervisor_user)
    assert [e.pk for e in batch.confirmed] == [first.pk]
    assert [e.pk for e in batch.waiting] == [second.pk]
    assert [(e.pk if e else None, exc.code) for e, exc in batch.refused] == [(decided.pk, "bad_state"), (None, "not_found")]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EnrolmentStatus.CONFIRMED and second.status == EnrolmentStatus.WAITING
    assert ModelLogEntry.objects.filter(action="pelatihan.enrolment.approve", user=supervisor_user).count() == 2
    assert {city.teacher.email} <= {address for m in mail.outbox for address in m.to}


def test_only_the_employees_own_supervisor_approves(city, supervisor_user, other_unit_user, indirect_supervisor_user):
    session = make_session(approval_required=True)
    mine = register(session, city.teacher)
    stranger = f.make_employee(unit=city.dinkes, supervisor=city.nurse)
    theirs = register(session, stranger)
    for user in (other_unit_user, indirect_supervisor_user):
        batch = enrolment_approve_many(enrolment_ids=[mine.pk], actor=user)
        assert [exc.code for _e, exc in batch.refused] == ["not_allowed"]
    batch = enrolment_approve_many(enrolment_ids=[mine.pk, theirs.pk], actor=supervisor_user)
    assert [e.pk for e in batch.confirmed] == [mine.pk]
    assert [(e.pk, exc.code) for e, exc in batch.refused] == [(theirs.pk, "not_allowed")]
    theirs.refresh_from_db()
    assert theirs.status == EnrolmentStatus.PENDING_APPROVAL
