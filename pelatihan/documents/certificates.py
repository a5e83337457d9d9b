"""Certificate numbers and PDFs.

A number reads ``SBS-<year>-<enrolment id, 6 digits>-<check>``. The check part is an HMAC of the
rest under the project's secret key, so the public verification page can tell a tampered number
(the check does not match) from an unknown one (well formed but never issued) without showing
anything private.
"""

from __future__ import annotations

import base64
import io
import re

from django.utils import formats
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from ..models import Session
from ..selectors import history as history_selectors
from . import qr
from .links import verification_url

PREFIX = "SBS"


NUMBER_RE = re.compile(r"^(?P<body>SBS-(?P<year>\d{4})-(?P<seq>\d{6,}))-(?P<check>[A-Z2-7]{8})$")


def _check(body: str) -> str:
    digest = salted_hmac("pelatihan.certificate", body).digest()
    return base64.b32encode(digest[:5]).decode()


def make_number(*, year: int, sequence: int) -> str:
    body = f"{PREFIX}-{year}-{sequence:06d}"
    return f"{body}-{_check(body)}"


VALID, TAMPERED, UNKNOWN = "valid", "tampered", "unknown"


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


def _qr_image(url: str):
    from reportlab.lib.utils import ImageReader  # deferred: reportlab is heavy and only PDFs need it

    return ImageReader(qr.png(url))


def _draw(canvas, certificate) -> None:
    from reportlab.lib.pagesizes import A4, landscape  # deferred: reportlab is heavy and only PDFs need it
    from reportlab.lib.units import cm  # deferred: as above

    enrolment = certificate.enrolment
    session = enrolment.session
    programme = session.programme
    employee = enrolment.employee
    width, height = landscape(A4)
    canvas.setStrokeColorRGB(0.06, 0.42, 0.36)
    canvas.setLineWidth(4)
    canvas.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)
    centre = width / 2
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawCentredString(centre, height - 2.4 * cm, "PEMERINTAH KOTA SUBULUSSALAM")
    canvas.setFont("Helvetica", 11)
    canvas.drawCentredString(centre, height - 3.0 * cm, "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawCentredString(centre, height - 4.6 * cm, _("CERTIFICATE"))
    canvas.setFont("Helvetica", 11)
    canvas.drawCentredString(centre, height - 5.3 * cm, _("Number: %(number)s") % {"number": certificate.number})
    canvas.drawCentredString(centre, height - 6.4 * cm, _("This certifies that"))
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawCentredString(centre, height - 7.5 * cm, employee.full_name)
    canvas.setFont("Helvetica", 12)
    canvas.drawCentredString(centre, height - 8.2 * cm, f"NIP {employee.nip_display}")
    canvas.drawCentredString(centre, height - 9.2 * cm, _("has completed"))
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawCentredString(centre, height - 10.1 * cm, f"{programme.title} — {session.name}")
    canvas.setFont("Helvetica", 11)
    dates = f"{formats.date_format(session.start_date, 'j F Y')} – {formats.date_format(session.end_date, 'j F Y')}"
    canvas.drawCentredString(
        centre, height - 10.9 * cm,
        _("%(dates)s, %(jp)s JP, organised by %(provider)s") % {"dates": dates, "jp": programme.jp, "provider": programme.provider},
    )
    indicators = ", ".join(i.name for i in programme.indicators.all())
    if indicators:
        canvas.setFont("Helvetica-Oblique", 10)
        canvas.drawCentredString(centre, height - 11.6 * cm, (_("Competencies: %(list)s") % {"list": indicators})[:150])
    canvas.setFont("Helvetica", 11)
    canvas.drawString(2 * cm, 3.2 * cm, _("Issued on %(date)s") % {"date": formats.date_format(certificate.issued_on, "j F Y")})
    canvas.drawString(2 * cm, 2.6 * cm, "Kepala BKPSDM Kota Subulussalam")
    url = verification_url(certificate.number)
    canvas.drawImage(_qr_image(url), width - 6.2 * cm, 1.6 * cm, 4 * cm, 4 * cm)
    canvas.setFont("Helvetica", 7)
    canvas.drawRightString(width - 2 * cm, 1.3 * cm, url)


def render_pdf(certificates) -> bytes:
    """One PDF page per certificate (a session's certificates come as one file)."""
    from reportlab.lib.pagesizes import A4, landscape  # deferred: reportlab is heavy and only PDFs need it
    from reportlab.pdfgen.canvas import Canvas  # deferred: as above

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), pageCompression=1)
    canvas.setTitle(_("Certificate"))
    canvas.setAuthor("BKPSDM Kota Subulussalam")
    for certificate in certificates:
        _draw(canvas, certificate)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def session_batch(*, session_id: int) -> tuple[bytes, str]:
    """The builder of a session's certificate batch (``portal.core.downloads``, in the worker)."""
    session = Session.objects.get(pk=session_id)
    return render_pdf(list(history_selectors.session_certificates(session))), "application/pdf"
