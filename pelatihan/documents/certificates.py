"""Certificate numbers and PDFs.

A number reads ``SBS-<year>-<enrolment id, 6 digits>-<check>``. The check part is an HMAC of the
rest under the project's secret key, so the public verification page can tell a tampered number
(the check does not match) from an unknown one (well formed but never issued) without showing
anything private.

Who issues them — the institution, its logo, the signatory (name, NIP, position) and an optional
signature image — is an ``Issuer``. BKPSDM edits it in the site settings; the project registers
the reader (``set_issuer_provider``) so this app need not know where settings live, and
``issuer()`` falls back to a plain default when nothing is registered.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from penilaian.nip import format_nip

from ..models import Session
from ..selectors import history as history_selectors
from . import qr
from .links import verification_url

PREFIX = "SBS"
GOVERNMENT = "PEMERINTAH KOTA SUBULUSSALAM"


@dataclass(frozen=True)
class Issuer:
    """Who issues the certificates. ``logo`` and ``signature`` are PNG or JPEG bytes (or None)."""

    institution: str = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    signatory_name: str = ""
    signatory_nip: str = ""
    signatory_position: str = "Kepala BKPSDM Kota Subulussalam"
    logo: bytes | None = None
    signature: bytes | None = None


_issuer_provider: Callable[[], Issuer] | None = None


def set_issuer_provider(provider: Callable[[], Issuer] | None) -> None:
    """Register the function that reads the issuer from the site settings (the project does)."""
    global _issuer_provider
    _issuer_provider = provider


def issuer() -> Issuer:
    """The issuer as BKPSDM set it, or the default."""
    return _issuer_provider() if _issuer_provider is not None else Issuer()


NUMBER_RE = re.compile(r"^(?P<body>SBS-(?P<year>\d{4})-(?P<seq>\d{6,}))-(?P<check>[A-Z2-7]{8})$")


def _check(body: str) -> str:
    digest = salted_hmac("pelatihan.certificate", body).digest()
    return base64.b32encode(digest[:5]).decode()


def make_number(*, year: int, sequence: int) -> str:
    body = f"{PREFIX}-{year}-{sequence:06d}"
    return f"{body}-{_check(body)}"


VALID, TAMPERED, UNKNOWN = "valid", "tampered", "unknown"


def normalise_number(raw: str) -> str:
    """What people type or paste: spaces gone, capital letters (``sbs-2026-000123-abcd efgh``)."""
    return "".join((raw or "").split()).upper()[:60]


def check_number(number: str) -> str:
    """``VALID`` when the check part matches (the caller still looks the number up),
    ``TAMPERED`` when it is well formed but the check fails, ``UNKNOWN`` when it is not a number
    of ours at all."""
    match = NUMBER_RE.match(number or "")
    if not match:
        return UNKNOWN
    if not constant_time_compare(_check(match["body"]), match["check"]):
        return TAMPERED
    return VALID


def _image(data: bytes):
    from reportlab.lib.utils import ImageReader  # deferred: reportlab is heavy and only PDFs need it

    return ImageReader(io.BytesIO(data))


def _centred(canvas, text: str, y: float, font: str, size: float, max_width: float, *, x: float) -> None:
    """One centred line, in a smaller size when it would not fit (long programme titles)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth  # deferred: as above

    while size > 7 and stringWidth(text, font, size) > max_width:
        size -= 0.5
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, text)


def _picture(canvas, data: bytes | None, x: float, y: float, width: float, height: float, *, anchor: str) -> None:
    """An image fitted into a box (kept in proportion); a broken image is left out."""
    if not data:
        return
    try:
        canvas.drawImage(_image(data), x, y, width, height, preserveAspectRatio=True, anchor=anchor, mask="auto")
    except Exception:  # a picture BKPSDM uploaded that reportlab cannot read must not stop the certificate
        return


def _signature_block(canvas, issuer: Issuer, issued_on, left: float, cm: float) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth  # deferred: as above

    canvas.setFont("Helvetica", 11)
    canvas.drawString(left, 6.9 * cm, _("Subulussalam, %(date)s") % {"date": formats.date_format(issued_on, "j F Y")})
    canvas.drawString(left, 6.3 * cm, issuer.signatory_position)
    _picture(canvas, issuer.signature, left, 3.4 * cm, 6 * cm, 2.6 * cm, anchor="sw")
    name = issuer.signatory_name or "( ................................................ )"
    canvas.setFont("Helvetica-Bold", 11)
    canvas.drawString(left, 2.8 * cm, name)
    if issuer.signatory_name:
        canvas.setLineWidth(0.6)
        canvas.line(left, 2.7 * cm, left + stringWidth(name, "Helvetica-Bold", 11), 2.7 * cm)
    if issuer.signatory_nip:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(left, 2.2 * cm, f"NIP {format_nip(issuer.signatory_nip)}")


def _draw(canvas, certificate, issuer: Issuer) -> None:
    from reportlab.lib.pagesizes import A4, landscape  # deferred: reportlab is heavy and only PDFs need it
    from reportlab.lib.units import cm  # deferred: as above

    enrolment = certificate.enrolment
    session = enrolment.session
    programme = session.programme
    employee = enrolment.employee
    width, height = landscape(A4)
    line, centre = width - 5 * cm, width / 2
    canvas.setStrokeColorRGB(0.06, 0.42, 0.36)
    canvas.setLineWidth(4)
    canvas.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)
    canvas.setStrokeColorRGB(0, 0, 0)
    _picture(canvas, issuer.logo, width / 2 - 1.1 * cm, height - 3.5 * cm, 2.2 * cm, 2.0 * cm, anchor="c")
    top = height - (4.1 * cm if issuer.logo else 2.4 * cm)
    dates = f"{formats.date_format(session.start_date, 'j F Y')} – {formats.date_format(session.end_date, 'j F Y')}"
    indicators = ", ".join(i.name for i in programme.indicators.all())
    lines = [  # (text, cm below the top line, font, size)
        (GOVERNMENT, 0, "Helvetica-Bold", 13),
        (issuer.institution, 0.6, "Helvetica", 11),
        (_("CERTIFICATE"), 1.9, "Helvetica-Bold", 26),
        (_("Number: %(number)s") % {"number": certificate.number}, 2.6, "Helvetica", 11),
        (_("This certifies that"), 3.5, "Helvetica", 11),
        (employee.full_name, 4.5, "Helvetica-Bold", 20),
        (f"NIP {employee.nip_display}", 5.2, "Helvetica", 12),
        (_("has completed"), 6.1, "Helvetica", 12),
        (f"{programme.title} — {session.name}", 7.0, "Helvetica-Bold", 15),
        (_("%(dates)s, %(jp)s JP, organised by %(provider)s") % {
            "dates": dates, "jp": programme.jp, "provider": programme.provider}, 7.7, "Helvetica", 11),
        (_("Competencies: %(list)s") % {"list": indicators} if indicators else "", 8.3, "Helvetica-Oblique", 10),
    ]
    for text, down, font, size in lines:
        if text:
            _centred(canvas, text, top - down * cm, font, size, line, x=centre)
    _signature_block(canvas, issuer, certificate.issued_on, 2.2 * cm, cm)
    url = verification_url(certificate.number)
    _picture(canvas, qr.png(url).getvalue(), width - 6.2 * cm, 1.8 * cm, 4 * cm, 4 * cm, anchor="c")
    canvas.setFont("Helvetica", 7)
    canvas.drawRightString(width - 1.6 * cm, 1.35 * cm, url)
    canvas.setFont("Helvetica", 8)
    canvas.drawRightString(width - 2.2 * cm, 5.7 * cm, _("Check this certificate: scan the code"))


def render_pdf(certificates, *, issued_by: Issuer | None = None) -> bytes:
    """One PDF page per certificate (a session's certificates come as one file), signed by
    ``issued_by`` (default: ``issuer()``, the site settings)."""
    from reportlab.lib.pagesizes import A4, landscape  # deferred: reportlab is heavy and only PDFs need it
    from reportlab.pdfgen.canvas import Canvas  # deferred: as above

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), pageCompression=1)
    canvas.setTitle(_("Certificate"))
    canvas.setAuthor("BKPSDM Kota Subulussalam")
    issued_by = issued_by or issuer()
    for certificate in certificates:
        _draw(canvas, certificate, issued_by)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def session_batch(*, session_id: int) -> tuple[bytes, str]:
    """The builder of a session's certificate batch (``portal.core.downloads``, in the worker)."""
    session = Session.objects.get(pk=session_id)
    return render_pdf(list(history_selectors.session_certificates(session))), "application/pdf"
