"""Printable letters of appreciation (surat penghargaan) for employees rated Sangat Baik.

A real PDF built with reportlab (pure Python, no OS libraries): A4, the regency's letterhead in
text, the employee's name, NIP, position, unit, period and predikat, signed by the head of BKPSDM
as recorded in the register.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.formats import date_format
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from .models import Appraisal, Employee, PositionKind


def _signatory() -> Employee | None:
    return (
        Employee.objects.filter(unit__code="bkpsdm", position_kind=PositionKind.JPT_PRATAMA, is_active=True)
        .order_by("pk")
        .first()
    )


def _centered(c, y, text, size=12, font="Helvetica"):
    c.setFont(font, size)
    c.drawCentredString(A4[0] / 2, y, text)


def appreciation_letters_pdf(appraisals: list[Appraisal]) -> bytes:
    """One page per appraisal. Text is Indonesian: the letter is an official document."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setTitle("Surat Penghargaan Kinerja")
    signatory = _signatory()
    today = date_format(timezone.localdate(), "j F Y")
    width, height = A4
    for appraisal in appraisals:
        e = appraisal.employee
        _centered(c, height - 2.5 * cm, "PEMERINTAH KOTA SUBULUSSALAM", 14, "Helvetica-Bold")
        _centered(c, height - 3.2 * cm, "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", 11, "Helvetica-Bold")
        c.setLineWidth(1.5)
        c.line(2 * cm, height - 3.6 * cm, width - 2 * cm, height - 3.6 * cm)
        _centered(c, height - 5.2 * cm, "SURAT PENGHARGAAN", 16, "Helvetica-Bold")
        _centered(c, height - 5.9 * cm, f"atas Capaian Kinerja {appraisal.period.name}", 11)
        lines = [
            "Kepala BKPSDM Kota Subulussalam menyampaikan penghargaan dan terima kasih kepada:",
            "",
            f"Nama        : {e.full_name}",
            f"NIP         : {e.nip_display}",
            f"Jabatan     : {e.position_label}",
            f"Unit Kerja  : {appraisal.unit.name}",
            "",
            f"atas capaian predikat kinerja {appraisal.get_predikat_display().upper()} pada {appraisal.period.name},",
            "dengan hasil kerja dan perilaku kerja (BerAKHLAK) di atas ekspektasi.",
            "",
            "Semoga prestasi ini terus dipertahankan dan menjadi teladan bagi rekan kerja",
            "dalam memberikan pelayanan terbaik kepada masyarakat Kota Subulussalam.",
        ]
        y = height - 7.5 * cm
        for line in lines:
            c.setFont("Courier" if ":" in line[:13] else "Helvetica", 11)
            c.drawString(2.5 * cm, y, line)
            y -= 0.7 * cm
        c.setFont("Helvetica", 11)
        c.drawString(width - 8.5 * cm, 7 * cm, f"Subulussalam, {today}")
        c.drawString(width - 8.5 * cm, 6.4 * cm, "Kepala BKPSDM,")
        if signatory:
            c.setFont("Helvetica-Bold", 11)
            c.drawString(width - 8.5 * cm, 4.2 * cm, signatory.full_name[:45])
            c.setFont("Helvetica", 10)
            c.drawString(width - 8.5 * cm, 3.7 * cm, f"NIP {signatory.nip_display}")
        c.showPage()
    c.save()
    return buffer.getvalue()
