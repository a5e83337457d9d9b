"""Fetch the object a view acts on *for this user*: 404 when it does not exist, 403 when it is not
theirs. One helper per kind of object, shared by every view module (the shape of healthchecks'
``_get_check_for_user``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from penilaian import permissions as penilaian_permissions
from penilaian.models import Employee

from .. import permissions
from ..models import (
    Certificate,
    CoachingMeeting,
    CoachingPlan,
    DevelopmentRecord,
    Enrolment,
    Invitation,
    ReevaluationTask,
    Session,
    SessionDay,
)
from ..selectors import coaching as coaching_selectors
from ..selectors import evaluation as evaluation_selectors
from ..selectors import history as history_selectors


def session_for_runner(user, pk: int) -> Session:
    """The session if ``user`` is one of its trainers (or HR): 404 unknown, 403 not theirs."""
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    if not permissions.can_run_session(user, session):
        raise PermissionDenied
    return session


def day_of(session: Session, day_pk: int) -> SessionDay:
    return get_object_or_404(SessionDay, pk=day_pk, session=session)


def enrolment_for_user(user, pk: int) -> Enrolment:
    """A registration its employee (or HR) may act on."""
    enrolment = get_object_or_404(Enrolment.objects.select_related("session", "employee"), pk=pk)
    if not permissions.can_view_enrolment(user, enrolment):
        raise PermissionDenied
    return enrolment


def enrolment_for_decider(user, pk: int) -> Enrolment:
    """A registration ``user`` may approve or reject (the employee's direct supervisor, or HR)."""
    enrolment = get_object_or_404(Enrolment.objects.select_related("employee", "session"), pk=pk)
    if not permissions.may_decide(user, enrolment):
        raise PermissionDenied
    return enrolment


def invitation_for_invitee(user, pk: int) -> Invitation:
    """An invitation, for the invited employee only."""
    invitation = get_object_or_404(Invitation, pk=pk)
    me = penilaian_permissions.employee_of(user)
    if me is None or me.pk != invitation.employee_id:
        raise PermissionDenied
    return invitation


def enrolment_for_participant(user, pk: int) -> tuple[Enrolment, Employee]:
    """A registration and its employee, for that employee only (not even HR: the survey is theirs)."""
    enrolment = get_object_or_404(Enrolment.objects.select_related("session__programme", "employee"), pk=pk)
    me = penilaian_permissions.employee_of(user)
    if me is None or enrolment.employee_id != me.pk:
        raise PermissionDenied
    return enrolment, me


def employee_for_viewer(user, nip: str) -> Employee:
    """An employee whose data ``user`` may see (self, the supervisor chain, HR)."""
    employee = get_object_or_404(Employee.objects.select_related("unit"), nip=nip)
    if not permissions.can_view_history(user, employee):
        raise PermissionDenied
    return employee


def certificate_for_viewer(user, number: str) -> Certificate:
    """A certificate whose holder ``user`` may see (the holder, the supervisor chain, HR)."""
    certificate = history_selectors.certificate_by_number(number)
    if certificate is None:
        raise Http404
    if not permissions.can_view_history(user, certificate.enrolment.employee):
        raise PermissionDenied
    return certificate


def record_for_viewer(user, pk: int) -> DevelopmentRecord:
    """A development record whose employee ``user`` may see (the employee, the supervisor chain, HR)."""
    record_ = get_object_or_404(DevelopmentRecord.objects.select_related("employee"), pk=pk)
    if not permissions.can_view_history(user, record_.employee):
        raise PermissionDenied
    return record_


def subordinate_for_supervisor(user, nip: str) -> tuple[Employee, Employee]:
    """An employee and ``user``'s own record, when ``user`` is their direct supervisor."""
    employee = get_object_or_404(Employee.objects.select_related("unit"), nip=nip)
    me = penilaian_permissions.employee_of(user)
    if me is None or employee.supervisor_id != me.pk:
        raise PermissionDenied
    return employee, me


def task_for_supervisor(user, pk: int) -> tuple[ReevaluationTask, Employee]:
    """A re-evaluation task and ``user``'s own record, when the task is theirs to answer."""
    task = evaluation_selectors.reevaluation_detail(pk)
    if task is None:
        raise Http404
    me = penilaian_permissions.employee_of(user)
    if me is None or task.supervisor_id != me.pk:
        raise PermissionDenied
    return task, me


def plan_for_viewer(user, pk: int) -> CoachingPlan:
    """A coaching plan of an employee ``user`` may see."""
    plan = coaching_selectors.plan_detail(pk)
    if plan is None:
        raise Http404
    if not penilaian_permissions.can_view_employee(user, plan.employee):
        raise PermissionDenied
    return plan


def plan_for_leader(user, pk: int) -> tuple[CoachingPlan, Employee]:
    """A coaching plan and ``user``'s own record, when ``user`` leads it (the coached employee's
    direct supervisor)."""
    plan = plan_for_viewer(user, pk)
    me = penilaian_permissions.employee_of(user)
    if me is None or plan.employee.supervisor_id != me.pk:
        raise PermissionDenied
    return plan, me


def meeting_for_leader(user, pk: int) -> tuple[CoachingMeeting, Employee]:
    """A coaching meeting and ``user``'s own record, when ``user`` leads the coaching (the
    coached employee's direct supervisor)."""
    meeting = get_object_or_404(CoachingMeeting.objects.select_related("plan__employee"), pk=pk)
    me = penilaian_permissions.employee_of(user)
    if me is None or meeting.plan.employee.supervisor_id != me.pk:
        raise PermissionDenied
    return meeting, me


def meeting_for_coached(user, pk: int) -> tuple[CoachingMeeting, Employee]:
    """A coaching meeting and ``user``'s own record, when ``user`` is the coached employee."""
    meeting = get_object_or_404(CoachingMeeting.objects.select_related("plan__employee", "plan__supervisor"), pk=pk)
    me = penilaian_permissions.employee_of(user)
    if me is None or meeting.plan.employee_id != me.pk:
        raise PermissionDenied
    return meeting, me
