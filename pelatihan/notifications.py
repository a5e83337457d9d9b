"""E-mails about registrations, each with an .ics invitation. Services call :func:`queue` so the
mail leaves only after the transaction commits (CONVENTIONS)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from . import calendar
from .certificates import absolute_url
from .models import Enrolment

logger = logging.getLogger(__name__)

CONFIRMED = "confirmed"
WAITING = "waiting"
PROMOTED = "promoted"
APPROVAL_REQUEST = "approval_request"
REJECTED = "rejected"
REMINDER = "reminder"
SESSION_CANCELLED = "session_cancelled"
PENDING = "pending"


def _dates(session) -> str:
    return "; ".join(
        f"{formats.date_format(d.date, 'l, j F Y')} {d.start_time:%H:%M}–{d.end_time:%H:%M}" for d in session.days.all()
    )


def _message(kind: str, enrolment: Enrolment) -> tuple[list[str], str, str]:
    session = enrolment.session
    employee = enrolment.employee
    title = f"{session.programme.title} — {session.name}"
    place = session.venue or session.online_url or "-"
    facts = _("Session: %(title)s\nWhen: %(dates)s\nWhere: %(place)s") % {
        "title": title, "dates": _dates(session), "place": place,
    }
    my_link = absolute_url(reverse("pelatihan:my-enrolments"))
    to = [employee.email] if employee.email else []
    if kind == CONFIRMED:
        subject = _("Registration confirmed: %(title)s") % {"title": title}
        body = _("Your seat is confirmed.")
    elif kind == WAITING:
        from .selectors import waiting_position

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
            "name": employee.full_name, "link": absolute_url(reverse("pelatihan:approvals")),
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
        if kind != REJECTED:
            cancelled = kind == SESSION_CANCELLED
            message.attach(
                "cancel.ics" if cancelled else "undangan.ics",
                calendar.session_ics(enrolment.session, cancelled=cancelled),
                "text/calendar; method=" + ("CANCEL" if cancelled else "REQUEST"),
            )
        message.send()
    return True


def queue(kind: str, enrolment: Enrolment) -> None:
    """Send after commit; a mail failure is logged and never undoes the registration."""
    enrolment_id = enrolment.pk

    def _send():
        try:
            send(kind, enrolment_id)
        except Exception:  # the SMTP server may be down; the registration stands
            logger.exception("pelatihan: could not send %s for enrolment %s", kind, enrolment_id)

    transaction.on_commit(_send)
