"""Inviting and enrolling through matching (``services.matching``): capacity holds, HR
only, reasons written down, mails after commit, audit."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from pelatihan.exceptions import MatchingError
from pelatihan.models import Enrolment, EnrolmentStatus, Invitation, InvitationStatus
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.matching import enrol, invitation_decline, invite
from tests import factories as f
from tests.pelatihan.matching_factories import *  # noqa: F403 - the period and indicators fixtures
from tests.pelatihan.matching_factories import give_scores, programme_for, session_for


@pytest.fixture
def five_teachers(city, period, indicators):
    teachers = [f.make_employee(unit=city.school, supervisor=city.school_head) for _ in range(5)]
    for t in teachers:
        give_scores(t, period, {indicators["lit"]: 1})
    return teachers


def test_enrolling_five_into_three_seats_confirms_three_and_puts_two_on_the_waiting_list(
        five_teachers, indicators, hr_user, django_capture_on_commit_callbacks, mailoutbox):
    session = session_for(programme_for(indicators["lit"]), capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        result = enrol(pairs=[(t, session) for t in five_teachers], actor=hr_user)
    assert len(result.confirmed) == 3 and len(result.waiting) == 2 and result.skipped == []
    assert [e.employee for e in Enrolment.objects.filter(session=session, status=EnrolmentStatus.CONFIRMED)] == five_teachers[:3]
    assert Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITING).count() == 2
    assert all(e.source == "hr" for e in Enrolment.objects.filter(session=session))
    assert len(mailoutbox) == 5
    entry = ModelLogEntry.objects.filter(action="pelatihan.matching.enrol").get()
    assert entry.data == {"confirmed": 3, "waiting": 2} and entry.user_id == hr_user.pk


def test_enrolling_again_skips_the_registered_and_the_ineligible_with_reasons(five_teachers, city, indicators, hr_user):
    session = session_for(programme_for(indicators["lit"]), capacity=3, eligible_units=[city.disdik])
    enrol(pairs=[(five_teachers[0], session)], actor=hr_user)
    result = enrol(pairs=[(five_teachers[0], session), (city.nurse, session)], actor=hr_user)
    assert result.confirmed == [] and result.skipped_reasons() == {
        "sudah terdaftar": 1, "tidak memenuhi syarat untuk sesi ini": 1}


def test_enrolment_marks_an_invitation_enrolled(five_teachers, period, indicators, hr_user):
    session = session_for(programme_for(indicators["lit"]))
    invite(pairs=[(five_teachers[0], session)], actor=hr_user, period=period)
    enrol(pairs=[(five_teachers[0], session)], actor=hr_user)
    assert Invitation.objects.get().status == InvitationStatus.ENROLLED


def test_invitations_carry_the_reason_and_mail_it_after_commit(
        five_teachers, period, indicators, hr_user, django_capture_on_commit_callbacks, mailoutbox):
    session = session_for(programme_for(indicators["lit"]), capacity=2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = invite(pairs=[(t, session) for t in five_teachers], actor=hr_user, period=period)
    assert len(result.invited) == 5 and len(mailoutbox) == 0  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 5
    invitation = Invitation.objects.get(employee=five_teachers[0])
    assert invitation.reason.startswith("kesenjangan 2 pada Literasi Digital;") and "tidak bentrok" in invitation.reason
    assert invitation.invited_by == hr_user and invitation.status == InvitationStatus.INVITED
    assert invitation.reason in mailoutbox[0].body and mailoutbox[0].to == [five_teachers[0].email]
    # Inviting is not enrolling: the seats are untouched.
    assert not Enrolment.objects.filter(session=session).exists()
    assert ModelLogEntry.objects.filter(action="pelatihan.invitation.create").count() == 5
    assert ModelLogEntry.objects.filter(action="pelatihan.matching.invite").count() == 1


def test_inviting_twice_or_the_registered_is_skipped(five_teachers, period, indicators, hr_user):
    session = session_for(programme_for(indicators["lit"]))
    enrolment_create(session=session, employee=five_teachers[1])
    invite(pairs=[(five_teachers[0], session)], actor=hr_user, period=period)
    result = invite(pairs=[(t, session) for t in five_teachers[:2]], actor=hr_user, period=period)
    assert result.invited == [] and result.skipped_reasons() == {"sudah diundang": 1, "sudah terdaftar": 1}
    assert Invitation.objects.count() == 1


def test_a_declined_invitation_can_be_renewed(five_teachers, period, indicators, hr_user):
    teacher = five_teachers[0]
    user = f.give_account(teacher)
    session = session_for(programme_for(indicators["lit"]))
    invite(pairs=[(teacher, session)], actor=hr_user, period=period)
    invitation = invitation_decline(invitation=Invitation.objects.get(), actor=user)
    assert invitation.status == InvitationStatus.DECLINED
    result = invite(pairs=[(teacher, session)], actor=hr_user, period=period)
    assert len(result.invited) == 1 and Invitation.objects.get().status == InvitationStatus.INVITED


def test_only_the_invited_employee_may_decline(five_teachers, period, indicators, hr_user, colleague_user):
    session = session_for(programme_for(indicators["lit"]))
    invite(pairs=[(five_teachers[0], session)], actor=hr_user, period=period)
    with pytest.raises(MatchingError) as exc:
        invitation_decline(invitation=Invitation.objects.get(), actor=colleague_user)
    assert exc.value.code == "not_allowed"


@pytest.mark.parametrize("who", ["employee_user", "supervisor_user", "trainer_user"])
def test_only_hr_may_invite_or_enrol(request, who, five_teachers, period, indicators):
    actor = request.getfixturevalue(who)
    session = session_for(programme_for(indicators["lit"]))
    for call in (lambda: invite(pairs=[(five_teachers[0], session)], actor=actor, period=period),
                 lambda: enrol(pairs=[(five_teachers[0], session)], actor=actor)):
        with pytest.raises(MatchingError) as exc:
            call()
        assert exc.value.code == "not_allowed"
    assert not Invitation.objects.exists() and not Enrolment.objects.exists()


def test_a_closed_session_is_skipped_for_invitations(five_teachers, period, indicators, hr_user):
    session = session_for(programme_for(indicators["lit"]), status="draft")
    result = invite(pairs=[(five_teachers[0], session)], actor=hr_user, period=period)
    assert result.skipped_reasons() == {"pendaftaran tidak sedang dibuka": 1}
