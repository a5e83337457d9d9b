"""An e-Kinerja-style recap sheet, as a unit's operator downloads it and passes it on: three title
rows and a blank one above the header, Indonesian column names, columns the portal does not
read, NIPs grouped with spaces, the period only in the title, and a signature block under
the table."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

HEADER = ["No", "NIP Pegawai", "Nama Pegawai", "Jabatan", "Kode Indikator", "Uraian Indikator", "Nilai Pegawai",
          "Nilai Atasan", "Keterangan"]
HEADER_ROW = 5


def recap_xlsx(rows: list[tuple[str, str, str, object, object]], *, period_label: str = "TAHUNAN 2025",
               unit: str = "SD Negeri 1 Simpang Kiri") -> bytes:
    """``rows``: (NIP, name, indicator code, self score, supervisor score)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rekap"
    sheet.append(["REKAPITULASI PENILAIAN KINERJA PEGAWAI"])
    sheet.append([f"PEMERINTAH KOTA SUBULUSSALAM — PERIODE PENILAIAN: {period_label}"])
    sheet.append([f"Unit Kerja: {unit}"])
    sheet.append([])
    sheet.append(HEADER)
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
    for number, (nip, name, code, self_score, supervisor_score) in enumerate(rows, start=1):
        grouped = f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}" if len(nip) == 18 else nip
        sheet.append([number, grouped, name, "Guru Kelas", code, code.replace("-", " ").title(), self_score,
                      supervisor_score, "Tervalidasi"])
    sheet.append([])
    sheet.append(["", "", "", "", "", "", "", "", "Subulussalam, 31 Desember 2025"])
    sheet.append(["", "", "", "", "", "", "", "", "Pejabat Penilai Kinerja"])
    sheet.append(["", "", "Kepala Sekolah", "", "", "", "", "", ""])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
