"""The default SIASN codes of the development routes, shipped for BKPSDM to confirm *(check)*.

The one place these codes live: the data migration that fills the code table reads them from
here, and BKPSDM edits the table afterwards (Wagtail admin → Training → SIASN codes). A row whose
competency kind is empty applies to every kind of that route; a row for a route and a kind wins
over it.

The ids and names are SIASN's ``jenisDiklat`` reference as public API clients copy it (ids 1–25).
The reference also gives each kind a one-letter class (``jenisKursusSetifikat``: T, F or P) that
some clients send as ``jenisKursusSertipikat``; this portal sends the label instead, as the
training-history record BKPSDM was given shows ("Workshop"). Confirm both with BKN.
"""

ANY_KIND = ""

# (route, competency kind or ANY_KIND, jenisDiklatId, label sent as jenisKursusSertipikat)
DEFAULT_CODES: list[tuple[str, str, str, str]] = [
    ("pelatihan", "teknis", "3", "Diklat Teknis"),
    ("pelatihan", "manajerial", "5", "Pelatihan Manajerial"),
    ("pelatihan", "sosial_kultural", "6", "Pelatihan Sosial Kultural"),
    ("workshop", ANY_KIND, "4", "Workshop"),
    ("bimtek", ANY_KIND, "8", "Bimbingan Teknis"),
    ("seminar", ANY_KIND, "9", "Seminar"),
    ("kursus", ANY_KIND, "11", "Kursus"),
    ("sosialisasi", ANY_KIND, "7", "Sosialisasi"),
    ("penataran", ANY_KIND, "12", "Penataran"),
    ("magang", ANY_KIND, "10", "Magang"),
    ("coaching", ANY_KIND, "14", "Coaching"),
    ("mentoring", ANY_KIND, "15", "Mentoring"),
    ("e_learning", ANY_KIND, "16", "E-Learning"),
    ("jarak_jauh", ANY_KIND, "17", "Pelatihan Jarak Jauh"),
    ("detasering", ANY_KIND, "18", "Detasering (Secondment)"),
    ("benchmarking", ANY_KIND, "20", "Patok Banding (Benchmarking)"),
    ("belajar_mandiri", ANY_KIND, "22", "Belajar Mandiri (Self Development)"),
    ("komunitas_belajar", ANY_KIND, "23", "Komunitas Belajar (Community Of Practices)"),
    ("bimbingan_tempat_kerja", ANY_KIND, "24", "Bimbingan Di Tempat Kerja"),
]
