"""What reaches people outside the portal about appraisals: the final appraisal handed to the
employee, invitations to give multi-source input, and the events of an objection.

Services call :func:`queue` inside their transaction; the mail is built and sent by
:func:`send` only after the transaction commits, and a mail failure is logged, never undoing the
write. ``send`` is the one function that builds and sends a message: to move mail to background
tasks, enqueue ``send`` with the same arguments instead of calling it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from penilaian.models import Appraisal, Objection, RaterInvitation
from penilaian.selectors import multisource as multisource_selectors
from portal.core.links import public_url

logger = logging.getLogger(__name__)

APPRAISAL_FINAL = "appraisal_final"
RATER_INVITED = "rater_invited"
OBJECTION_FILED = "objection_filed"
OBJECTION_DECIDED = "objection_decided"
SUBJECT_PREFIX = "[Portal Kinerja] "


def absolute_url(path: str) -> str:
    return public_url(path)


def _appraisal_final(appraisal_id: int) -> tuple[list[str], str, str]:
    appraisal = Appraisal.objects.select_related("employee", "period").get(pk=appraisal_id)
    subject = _("Your appraisal for %(period)s is final") % {"period": appraisal.period.name}
    body = _(
        "Your appraisal for %(period)s has been approved and is final: predikat %(predikat)s.\n\n"
        "Read it and acknowledge receipt here: %(link)s\n\n"
        "If you disagree, you may object with reasons within %(days)s days of receiving it."
    ) % {"period": appraisal.period.name, "predikat": appraisal.get_predikat_display() or "-",
         "link": absolute_url(reverse("penilaian:my-receipt", args=[appraisal.pk])),
         "days": settings.PENILAIAN_OBJECTION_DAYS}
    return [appraisal.employee.email] if appraisal.employee.email else [], subject, body


def _rater_invited(invitation_id: int) -> tuple[list[str], str, str]:
    invitation = RaterInvitation.objects.select_related("round__employee__unit", "round__period", "rater").get(
        pk=invitation_id)
    employee = invitation.round.employee
    subject = _("Your view of %(name)s's work is asked") % {"name": employee.full_name}
    intro = _(
        "You are invited to rate how %(name)s (%(unit)s) lives the BerAKHLAK core values at work, "
        "on a scale of 1 to 5 with an optional comment. Your answer is anonymous: nobody sees "
        "individual answers, only averages of at least three."
    ) % {"name": employee.full_name, "unit": employee.unit.name}
    if invitation.rater_id:
        to = [invitation.rater.email] if invitation.rater.email else []
        link = absolute_url(reverse("penilaian:multisource-answer", args=[invitation.pk]))
    else:
        to = [invitation.email] if invitation.email else []
        link = absolute_url(multisource_selectors.stakeholder_url(invitation))
    body = f"{intro}\n\n{_('Answer here (the link works once)')}: {link}\n"
    return to, subject, body


def _objection_filed(objection_id: int) -> tuple[list[str], str, str]:
    objection = Objection.objects.select_related("appraisal__employee", "appraisal__period", "handler").get(
        pk=objection_id)
    appraisal = objection.appraisal
    subject = _("Objection to decide: %(name)s, %(period)s") % {
        "name": appraisal.employee.full_name, "period": appraisal.period.name}
    body = _(
        "%(name)s objects to their final appraisal for %(period)s. As the appraiser's superior you "
        "record the explanations of the appraiser and the employee, then decide: %(link)s"
    ) % {"name": appraisal.employee.full_name, "period": appraisal.period.name,
         "link": absolute_url(reverse("penilaian:objection-detail", args=[objection.pk]))}
    handler = objection.handler
    return [handler.email] if handler and handler.email else [], subject, body


def _objection_decided(objection_id: int) -> tuple[list[str], str, str]:
    objection = Objection.objects.select_related("appraisal__employee", "appraisal__period").get(pk=objection_id)
    appraisal = objection.appraisal
    subject = _("Decision on your objection: %(period)s") % {"period": appraisal.period.name}
    body = _("Your objection has been decided: %(outcome)s. Predikat: %(predikat)s.\n\n%(decision)s\n\n%(link)s") % {
        "outcome": objection.get_outcome_display(), "predikat": appraisal.get_predikat_display(),
        "decision": objection.decision, "link": absolute_url(reverse("penilaian:my-receipt", args=[appraisal.pk]))}
    return [appraisal.employee.email] if appraisal.employee.email else [], subject, body


MESSAGES = {
    APPRAISAL_FINAL: _appraisal_final,
    RATER_INVITED: _rater_invited,
    OBJECTION_FILED: _objection_filed,
    OBJECTION_DECIDED: _objection_decided,
}


def send(kind: str, pk: int) -> bool:
    """Build the message ``kind`` about the row ``pk`` and send it; False when there is nobody
    to send it to (no e-mail address on file)."""
    with translation.override(settings.LANGUAGE_CODE):
        to, subject, body = MESSAGES[kind](pk)
        if not to:
            logger.info("penilaian: no e-mail address for %s %s", kind, pk)
            return False
        send_mail(SUBJECT_PREFIX + subject, body, None, to)
    return True


def queue(kind: str, pk: int) -> None:
    """Send after the transaction commits; a failure (the SMTP server may be down) is logged and
    the write stands."""

    def _send():
        try:
            send(kind, pk)
        except Exception:  # the SMTP server may be down; the appraisal, invitation or objection stands
            logger.exception("penilaian: could not send %s for %s", kind, pk)

    transaction.on_commit(_send)
