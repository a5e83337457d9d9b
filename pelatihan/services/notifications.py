"""What reaches employees outside the portal: e-mails about registrations (each employee's mail
carries the registration's .ics: an invitation or its update while it stands, a METHOD:CANCEL
with the same UIDs once it is cancelled, rejected or the session is cancelled), HR's
invitations, the day-before reminders, the supervisors' overdue re-evaluation reminders and the
private calendar feed.

Services call :func:`queue` (or :func:`queue_invitation`): once the transaction commits, a
background task builds the message and hands it to the portal's one mail path
(``portal.core.mail``: the outbox, delivered and retried by the worker). The request returns at
once, and a mail failure never undoes the write.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from penilaian.models import Employee
from portal.core.audit import record
from portal.core.links import public_url

from ..documents import calendar
from ..models import (
    CalendarFeed,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    ReevaluationReminder,
    ReminderSent,
    SessionDay,
    SessionStatus,
)
from ..selectors.enrolment import waiting_position
from ..selectors.evaluation import overdue_rows

logger = logging.getLogger(__name__)

CONFIRMED = "confirmed"
WAITING = "waiting"
PROMOTED = "promoted"
APPROVAL_REQUEST = "approval_request"
REJECTED = "rejected"
REMINDER = "reminder"
SESSION_CANCELLED = "session_cancelled"
PENDING = "pending"
CANCELLED = "cancelled"  # the employee cancelled their registration


def _dates(session) -> str:
    return "; ".join(
        f"{formats.date_format(d.date, 'l, j F Y')} {d.start_time:%H:%M}–{d.end_time:%H:%M}" for d in session.days.all()
    )


def _facts(session, title: str) -> str:
    return _("Session: %(title)s\nWhen: %(dates)s\nWhere: %(place)s") % {
        "title": title, "dates": _dates(session), "place": session.venue or session.online_url or "-",
    }


def _message(kind: str, enrolment: Enrolment) -> tuple[list[str], str, str]:
    session = enrolment.session
    employee = enrolment.employee
    title = f"{session.programme.title} — {session.name}"
    facts = _facts(session, title)
    my_link = public_url(reverse("pelatihan:my-enrolments"))
    to = [employee.email] if employee.email else []
    if kind == CONFIRMED:
        subject = _("Registration confirmed: %(title)s") % {"title": title}
        body = _("Your seat is confirmed.")
    elif kind == WAITING:
        subject = _("Waiting list: %(title)s") % {"title": title}
        body = _("The session is full. You are number %(n)s on the waiting list; we will e-mail you if a seat frees up.") % {
            "n": waiting_position(enrolment)
        }
    elif kind == PROMOTED:
        subject = _("A seat freed up: %(title)s") % {"title": title}
        body = _("A seat became free and it is yours: your registration is now confirmed.")
    elif kind == PENDING:
        subject = _("Registration waiting for approval: %(title)s") % {"title": title}
        body = _("Your supervisor has been asked to approve your registration.")
    elif kind == APPROVAL_REQUEST:
        supervisor = employee.supervisor
        to = [supervisor.email] if supervisor and supervisor.email else []
        subject = _("Approval requested: %(name)s for %(title)s") % {"name": employee.full_name, "title": title}
        body = _("%(name)s asks to attend this training. Approve or reject it (with a reason) here: %(link)s") % {
            "name": employee.full_name, "link": public_url(reverse("pelatihan:approvals")),
        }
    elif kind == REJECTED:
        subject = _("Registration not approved: %(title)s") % {"title": title}
        body = _("Your supervisor did not approve the registration. Reason: %(reason)s") % {"reason": enrolment.reason}
    elif kind == REMINDER:
        subject = _("Reminder: %(title)s tomorrow") % {"title": title}
        body = _("Your training meets tomorrow.")
    elif kind == SESSION_CANCELLED:
        subject = _("Session cancelled: %(title)s") % {"title": title}
        body = _("BKPSDM has cancelled this session. We apologise for the inconvenience.")
    elif kind == CANCELLED:
        subject = _("Registration cancelled: %(title)s") % {"title": title}
        body = _("Your registration is cancelled; the attached calendar update removes the training from your calendar.")
    else:  # pragma: no cover - a programming error
        raise ValueError(kind)
    text = f"{body}\n\n{facts}\n\n{_('My registrations')}: {my_link}\n"
    return to, subject, text


def send(kind: str, enrolment_id: int) -> bool:
    enrolment = (
        Enrolment.objects.select_related("employee", "employee__supervisor", "session", "session__programme")
        .prefetch_related("session__days")
        .get(pk=enrolment_id)
    )
    with translation.override(settings.LANGUAGE_CODE):
        to, subject, text = _message(kind, enrolment)
        if not to:
            logger.info("pelatihan: no e-mail address for %s (%s)", enrolment, kind)
            return False
        message = EmailMessage(subject=f"[Portal Pelatihan] {subject}", body=text, to=to)
        if kind != APPROVAL_REQUEST:  # that one goes to the supervisor: not their calendar
            method = calendar.ics_method(enrolment)
            message.attach("batal.ics" if method == "CANCEL" else "undangan.ics", calendar.enrolment_ics(enrolment),
                           f"text/calendar; method={method}")
        message.send()
    return True


@task()
def send_task(kind: str, enrolment_id: int) -> bool:
    """The background entry point of :func:`send`."""
    return send(kind, enrolment_id)


def _after_commit(task_, *args) -> None:
    """Enqueue ``task_`` once the transaction commits (robust: a queue failure is logged and
    the write stands)."""
    transaction.on_commit(lambda: task_.enqueue(*args), robust=True)


def queue(kind: str, enrolment: Enrolment) -> None:
    """Mail ``kind`` about ``enrolment`` in the background, after commit."""
    _after_commit(send_task, kind, enrolment.pk)


# --- Invitations ----------------------------------------------------------------------------


def _invitation_message(invitation: Invitation) -> EmailMessage | None:
    employee, session = invitation.employee, invitation.session
    if not employee.email:
        return None
    title = f"{session.programme.title} — {session.name}"
    body = "\n\n".join([
        _("BKPSDM invites you to a training that answers your development needs."),
        _("Why: %(reason)s") % {"reason": invitation.reason},
        _facts(session, title),
        _("Register from your dashboard: %(link)s") % {"link": public_url(reverse("portal:dashboard"))},
    ])
    return EmailMessage(subject=f"[Portal Pelatihan] {_('Training invitation: %(title)s') % {'title': title}}",
                        body=body + "\n", to=[employee.email])


def send_invitation(invitation_id: int) -> bool:
    invitation = (
        Invitation.objects.select_related("employee", "session", "session__programme")
        .prefetch_related("session__days")
        .get(pk=invitation_id)
    )
    with translation.override(settings.LANGUAGE_CODE):
        message = _invitation_message(invitation)
        if message is None:
            logger.info("pelatihan: no e-mail address for invitation %s", invitation_id)
            return False
        message.send()
    return True


@task()
def send_invitation_task(invitation_id: int) -> bool:
    """The background entry point of :func:`send_invitation`."""
    return send_invitation(invitation_id)


def queue_invitation(invitation: Invitation) -> None:
    """Mail the invitation in the background, after commit."""
    _after_commit(send_invitation_task, invitation.pk)


# --- Reminders and the calendar feed --------------------------------------------------------


def send_reminders(*, today: dt.date | None = None) -> int:
    """E-mail every confirmed participant of a meeting day tomorrow, once: a ``ReminderSent``
    row per enrolment and day is written with the mail, so a second run sends nothing."""
    tomorrow = (today or timezone.localdate()) + dt.timedelta(days=1)
    sent = 0
    days = SessionDay.objects.filter(date=tomorrow, session__status=SessionStatus.PUBLISHED)
    for day in days:
        for enrolment in Enrolment.objects.filter(session_id=day.session_id, status=EnrolmentStatus.CONFIRMED).exclude(
            reminders__day=day
        ):
            with transaction.atomic():
                _obj, created = ReminderSent.objects.get_or_create(enrolment=enrolment, day=day)
                if created:
                    queue(REMINDER, enrolment)
                    sent += 1
    return sent


def _overdue_message(reminder: ReevaluationReminder) -> EmailMessage | None:
    """The supervisor's overdue re-evaluations, each with its own link, and the link to them all.
    None when there is no address or nothing is overdue any more."""
    supervisor = reminder.supervisor
    rows = list(overdue_rows(today=reminder.day, supervisor_id=supervisor.pk))
    if not supervisor.email or not rows:
        return None
    lines = [
        _("- %(name)s — %(training)s (%(indicators)s): due %(due)s, %(days)s days ago\n  %(link)s") % {
            "name": r.employee.full_name, "training": r.programme.title, "indicators": r.indicators,
            "due": formats.date_format(r.due_on, "j F Y"), "days": r.days_overdue,
            "link": public_url(reverse("pelatihan:reevaluation-form", args=[r.task.pk])),
        }
        for r in rows
    ]
    body = "\n\n".join([
        _("Dear %(name)s,") % {"name": supervisor.full_name},
        _("These members of your team finished a training and wait for your re-evaluation, which is overdue. "
          "Score the indicators of the training again, from 1 to 5: it takes a few minutes per person."),
        "\n".join(lines),
        _("All your re-evaluations: %(link)s") % {"link": public_url(reverse("pelatihan:reevaluation-list"))},
        _("BKPSDM sends this reminder at most once a day while re-evaluations are overdue."),
    ])
    subject = _("Overdue re-evaluations: %(n)s waiting for you") % {"n": len(rows)}
    return EmailMessage(subject=f"[Portal Pelatihan] {subject}", body=body + "\n", to=[supervisor.email])


def send_overdue_reminder(reminder_id: int) -> bool:
    reminder = ReevaluationReminder.objects.select_related("supervisor").get(pk=reminder_id)
    with translation.override(settings.LANGUAGE_CODE):
        message = _overdue_message(reminder)
        if message is None:
            logger.info("pelatihan: nothing to remind supervisor %s of", reminder.supervisor_id)
            return False
        message.send()
    return True


@task()
def send_overdue_reminder_task(reminder_id: int) -> bool:
    """The background entry point of :func:`send_overdue_reminder`."""
    return send_overdue_reminder(reminder_id)


def queue_overdue_reminder(reminder: ReevaluationReminder) -> None:
    """Mail the supervisor's overdue list in the background, after commit."""
    _after_commit(send_overdue_reminder_task, reminder.pk)


@transaction.atomic
def calendar_feed_for(*, employee: Employee, rotate: bool = False) -> CalendarFeed:
    """The employee's private feed; ``rotate`` gives an existing one a new token (old links stop
    working)."""
    feed, created = CalendarFeed.objects.get_or_create(employee=employee)
    if rotate and not created:
        feed.token = CalendarFeed._meta.get_field("token").get_default()
        feed.save(update_fields=["token"])
        record(feed, "pelatihan.calendar.rotate", actor=employee.user)
    return feed
