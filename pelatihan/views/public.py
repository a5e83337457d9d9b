"""Pages without a login: the live seat count, certificate look-up and verification (anyone
holding the paper; rate-limited) and the private calendar feed (the secret token is the key)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from penilaian.nip import mask_nip
from portal.core.http import over_limit

from .. import rules
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


def _limited(request) -> bool:
    """Certificate look-ups per address are limited (``rules.CERTIFICATE_LOOKUP_LIMITS``):
    numbers carry a check code, so guessing finds nothing, and the limit stops scraping."""
    return over_limit(request, scope="certificate", limits=rules.CERTIFICATE_LOOKUP_LIMITS)


def _too_many(request):
    return render(request, "pelatihan/certificate_lookup.html", {"too_many": True}, status=429)


@require_GET
def certificate_lookup(request):
    """Public: type (or paste) the number printed on a certificate. A well-formed number goes to
    its verification page; anything else is answered here, the same way whatever was typed."""
    number = certificates.normalise_number(request.GET.get("nomor", ""))
    if not number:
        return render(request, "pelatihan/certificate_lookup.html", {})
    if _limited(request):
        return _too_many(request)
    if certificates.check_number(number) == certificates.UNKNOWN:
        return render(request, "pelatihan/certificate_lookup.html", {"number": number, "malformed": True}, status=404)
    return redirect("pelatihan:certificate-verify", number=number)


@require_GET
def certificate_verify(request, number):
    """Public: anyone holding the paper (or scanning its QR) can check it: the holder's full name,
    a partly masked NIP (enough to match the person against their ID, never the whole number),
    the programme, its dates and JP. Nothing else about the person."""
    if _limited(request):
        return _too_many(request)
    verdict = certificates.check_number(number)
    certificate = history_selectors.certificate_by_number(number) if verdict == certificates.VALID else None
    if verdict == certificates.VALID and certificate is None:
        verdict = certificates.UNKNOWN
    context = {"number": number, "verdict": verdict, "certificate": certificate}
    if certificate is not None:
        holder = certificate.enrolment.employee
        context.update(holder=holder.full_name, holder_nip=mask_nip(holder.nip))
    return render(request, "pelatihan/certificate_verify.html", context, status=200 if certificate else 404)


@never_cache
@require_GET
def calendar_feed(request, token):
    """The private iCal feed: the secret token is the only key (calendar apps cannot log in)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("employee"), token=token)
    body = feed_ics(session_selectors.feed_enrolments(feed.employee), name=_("My trainings"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
