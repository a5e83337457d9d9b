"""Pages without a login: the live seat count, certificate verification (anyone holding the
paper) and the private calendar feed (the secret token is the key)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..documents import certificates
from ..documents.calendar import feed_ics
from ..models import CalendarFeed, Session, SessionStatus
from ..selectors import history as history_selectors
from ..selectors import sessions as session_selectors


@require_GET
def session_seats(request, pk):
    """The live seat count (htmx polls it on session and workshop pages). Public: a number."""
    session = get_object_or_404(Session, pk=pk, status__in=[SessionStatus.PUBLISHED, SessionStatus.FINISHED])
    response = render(request, "pelatihan/includes/seats.html", {
        "seats_left": session_selectors.seats_left(session), "capacity": session.capacity, "session": session,
    })
    response["Cache-Control"] = "no-store"
    return response


def _mask(name: str) -> str:
    """"Siti Rahmah" → "S*** R*****": enough to recognise, not to look someone up."""
    return " ".join(part[0] + "*" * (len(part) - 1) for part in name.split() if part)


@require_GET
def certificate_verify(request, number):
    """Public: anyone holding the paper can check it. No NIP, no unit, a masked name."""
    verdict = certificates.check_number(number)
    certificate = history_selectors.certificate_by_number(number) if verdict == certificates.VALID else None
    if verdict == certificates.VALID and certificate is None:
        verdict = certificates.UNKNOWN
    context = {"number": number, "verdict": verdict, "certificate": certificate}
    if certificate is not None:
        context["holder"] = _mask(certificate.enrolment.employee.name)
    return render(request, "pelatihan/certificate_verify.html", context, status=200 if certificate else 404)


@never_cache
@require_GET
def calendar_feed(request, token):
    """The private iCal feed: the secret token is the only key (calendar apps cannot log in)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("employee"), token=token)
    body = feed_ics(session_selectors.feed_enrolments(feed.employee), name=_("My trainings"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
