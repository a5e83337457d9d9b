"""Who may do what in the training app. Built on ``penilaian.permissions`` (the one module that
answers "may this user see this employee's data").

- Employees reach only their own registrations and history.
- Trainers (Fasilitator group) reach only the sessions they facilitate, and see their
  participants' names and units only (never appraisal data, NIP or contact details).
- The direct supervisor decides on approvals (``may_decide``); HR may too.
- HR (BKPSDM) reaches everything.
"""

from __future__ import annotations

from penilaian import permissions as p
from portal.core import roles

from .models import Enrolment, Session


def can_run_session(user, session: Session) -> bool:
    """Attendance sheet, QR screen, export: the session's own trainers and HR."""
    if roles.is_hr(user):
        return True
    return roles.is_trainer(user) and session.trainers.filter(pk=user.pk).exists()


def can_view_enrolment(user, enrolment: Enrolment) -> bool:
    if roles.is_hr(user):
        return True
    me = p.employee_of(user)
    return me is not None and enrolment.employee_id == me.pk


def can_view_history(user, employee) -> bool:
    return p.can_view_employee(user, employee)


def can_approve(user) -> bool:
    return roles.is_hr(user) or p.is_supervisor(user)


def may_decide(user, enrolment: Enrolment) -> bool:
    """The employee's direct supervisor (atasan langsung) decides; HR may too."""
    if roles.is_hr(user):
        return True
    me = p.employee_of(user)
    return me is not None and enrolment.employee.supervisor_id == me.pk
