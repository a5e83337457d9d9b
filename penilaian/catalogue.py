"""The indicator catalogue the portal ships with: the seven BerAKHLAK core values with their
21 guideline behaviours (PermenPANRB 6/2022; the domain brief), competencies that matter in a small city
government, and the work-results indicator. ``catalogue_ensure`` loads it idempotently; HR
edits it afterwards in the Wagtail admin.

Indicator codes are stable identifiers used by imports, training programmes and reports.
"""

from __future__ import annotations

from .models import Audience, IndicatorKind, PositionKind
from .services.catalogue import indicator_ensure

# Level descriptions shared by the behaviour values (1–5).
BEHAVIOUR_LEVELS = [
    "Belum menunjukkan perilaku ini; perlu bimbingan intensif.",
    "Kadang-kadang menunjukkan perilaku ini, masih perlu diingatkan.",
    "Menunjukkan perilaku ini secara konsisten sesuai harapan.",
    "Menunjukkan perilaku ini di atas harapan dan menjadi contoh bagi rekan kerja.",
    "Menjadi teladan dan menggerakkan unit kerja untuk berperilaku demikian.",
]
COMPETENCY_LEVELS = [
    "Tingkat 1 — mengetahui dasar-dasar dan melaksanakan dengan arahan.",
    "Tingkat 2 — melaksanakan tugas rutin secara mandiri.",
    "Tingkat 3 — menguasai dan menyelesaikan masalah di bidangnya.",
    "Tingkat 4 — membimbing orang lain dan memperbaiki cara kerja.",
    "Tingkat 5 — menjadi rujukan dan merumuskan kebijakan di bidangnya.",
]

BERAKHLAK = [
    ("ba-pelayanan", "Berorientasi Pelayanan",
     "Memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, solutif, dan dapat diandalkan; terus memperbaiki layanan.",
     ["Memahami dan memenuhi kebutuhan masyarakat",
      "Ramah, cekatan, solutif, dan dapat diandalkan",
      "Melakukan perbaikan tiada henti"]),
    ("ba-akuntabel", "Akuntabel",
     "Jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi; menggunakan uang dan barang milik negara secara bertanggung jawab; tidak menyalahgunakan kewenangan.",
     ["Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
      "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
      "Tidak menyalahgunakan kewenangan jabatan"]),
    ("ba-kompeten", "Kompeten",
     "Terus meningkatkan kompetensi diri; membantu orang lain belajar; melaksanakan tugas dengan kualitas terbaik.",
     ["Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
      "Membantu orang lain belajar",
      "Melaksanakan tugas dengan kualitas terbaik"]),
    ("ba-harmonis", "Harmonis",
     "Menghargai setiap orang apa pun latar belakangnya; suka menolong; membangun lingkungan kerja yang kondusif.",
     ["Menghargai setiap orang apa pun latar belakangnya",
      "Suka menolong orang lain",
      "Membangun lingkungan kerja yang kondusif"]),
    ("ba-loyal", "Loyal",
     "Memegang teguh Pancasila, UUD 1945, NKRI, dan pemerintahan yang sah; menjaga nama baik; menjaga rahasia jabatan dan negara.",
     ["Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
      "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
      "Menjaga rahasia jabatan dan negara"]),
    ("ba-adaptif", "Adaptif",
     "Cepat menyesuaikan diri menghadapi perubahan; terus berinovasi; bertindak proaktif.",
     ["Cepat menyesuaikan diri menghadapi perubahan",
      "Terus berinovasi dan mengembangkan kreativitas",
      "Bertindak proaktif"]),
    ("ba-kolaboratif", "Kolaboratif",
     "Memberi kesempatan berbagai pihak untuk berkontribusi; terbuka bekerja sama untuk nilai tambah; menggerakkan sumber daya untuk tujuan bersama.",
     ["Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
      "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
      "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"]),
]

# (code, name, kind, audience, default expected level, {position kind: expected level}, description)
COMPETENCIES = [
    ("kt-pelayanan-publik", "Pelayanan Publik", IndicatorKind.TEKNIS, Audience.ALL, 3, {},
     "Menyelenggarakan layanan sesuai standar pelayanan, maklumat, dan pengelolaan pengaduan masyarakat."),
    ("kt-literasi-digital", "Literasi Digital", IndicatorKind.TEKNIS, Audience.ALL, 3, {PositionKind.PELAKSANA: 2},
     "Memakai aplikasi perkantoran, surel, aplikasi layanan (SRIKANDI, SIPD, e-Kinerja), dan menjaga keamanan data."),
    ("kt-penyusunan-skp", "Penyusunan SKP dan Rencana Aksi", IndicatorKind.TEKNIS, Audience.ALL, 3, {},
     "Menyusun SKP, indikator kinerja, dan rencana aksi yang selaras dengan sasaran unit kerja."),
    ("kt-keuangan-daerah", "Pengelolaan Keuangan Daerah", IndicatorKind.TEKNIS, Audience.LEADERS, 3, {PositionKind.JPT_PRATAMA: 4},
     "Perencanaan anggaran, penatausahaan, dan pertanggungjawaban keuangan daerah sesuai peraturan."),
    ("kt-pengadaan", "Pengadaan Barang/Jasa Pemerintah", IndicatorKind.TEKNIS, Audience.LEADERS, 3, {},
     "Perencanaan pengadaan, pemilihan penyedia, kontrak, dan e-katalog sesuai Perpres pengadaan."),
    ("kt-tata-naskah", "Tata Naskah Dinas dan Kearsipan", IndicatorKind.TEKNIS, Audience.ALL, 3, {},
     "Menyusun naskah dinas dan mengelola arsip sesuai pedoman tata naskah dinas."),
    ("kt-pedagogik", "Kompetensi Pedagogik", IndicatorKind.TEKNIS, Audience.TEACHERS, 3, {},
     "Merancang dan melaksanakan pembelajaran yang berpusat pada murid, asesmen, dan tindak lanjutnya."),
    ("kt-pembelajaran-digital", "Pembelajaran Berbasis Teknologi", IndicatorKind.TEKNIS, Audience.TEACHERS, 3, {},
     "Memanfaatkan platform dan media digital dalam pembelajaran dan asesmen."),
    ("kt-kesehatan-masyarakat", "Kesehatan Masyarakat", IndicatorKind.TEKNIS, Audience.HEALTH, 3, {},
     "Promosi kesehatan, pencegahan penyakit, gizi, dan pelayanan kesehatan ibu dan anak di wilayah kerja."),
    ("kt-pelayanan-klinis", "Pelayanan Klinis Sesuai Standar", IndicatorKind.TEKNIS, Audience.HEALTH, 3, {},
     "Memberi pelayanan klinis sesuai standar profesi, SOP, dan keselamatan pasien."),
    ("km-kepemimpinan", "Kepemimpinan", IndicatorKind.MANAJERIAL, Audience.LEADERS, 3,
     {PositionKind.JPT_PRATAMA: 4, PositionKind.JPT_MADYA: 4, PositionKind.ADMINISTRATOR: 3, PositionKind.PENGAWAS: 2},
     "Menggerakkan tim, memberi arahan, umpan balik, dan bimbingan kinerja."),
    ("km-pengambilan-keputusan", "Pengambilan Keputusan", IndicatorKind.MANAJERIAL, Audience.LEADERS, 3,
     {PositionKind.JPT_PRATAMA: 4, PositionKind.ADMINISTRATOR: 3, PositionKind.PENGAWAS: 2},
     "Mengambil keputusan tepat waktu berdasarkan data dan analisis risiko."),
    ("km-kerja-sama", "Kerja Sama", IndicatorKind.MANAJERIAL, Audience.ALL, 2,
     {PositionKind.ADMINISTRATOR: 3, PositionKind.JPT_PRATAMA: 4},
     "Bekerja sama lintas bidang dan instansi untuk mencapai tujuan organisasi."),
    ("ksk-perekat-bangsa", "Perekat Bangsa", IndicatorKind.SOSIAL_KULTURAL, Audience.ALL, 2,
     {PositionKind.JPT_PRATAMA: 3, PositionKind.ADMINISTRATOR: 3},
     "Mempromosikan sikap toleransi, keterbukaan, dan peka terhadap keragaman budaya dan agama."),
    ("hk-capaian-skp", "Capaian Sasaran Kinerja (SKP)", IndicatorKind.HASIL_KERJA, Audience.ALL, 3, {},
     "Tingkat capaian indikator kinerja individu dalam SKP periode berjalan."),
]


def catalogue_ensure(*, actor=None) -> int:
    """Create the shipped indicators that do not exist yet. Returns how many were created."""
    created = 0
    order = 0
    for code, name, description, behaviours in BERAKHLAK:
        order += 10
        value, was_created = indicator_ensure(
            code=code, name=name, description=description, kind=IndicatorKind.PERILAKU,
            level_descriptions=BEHAVIOUR_LEVELS, expected_level=3, sort_order=order, actor=actor,
        )
        created += was_created
        for i, behaviour in enumerate(behaviours, start=1):
            _b, was_created = indicator_ensure(
                code=f"{code}-{i}", name=behaviour, description="", kind=IndicatorKind.PERILAKU_BEHAVIOUR,
                parent=value, level_descriptions=BEHAVIOUR_LEVELS, expected_level=3, sort_order=order + i,
                actor=actor,
            )
            created += was_created
    for code, name, kind, audience, expected, per_kind, description in COMPETENCIES:
        order += 10
        _i, was_created = indicator_ensure(
            code=code, name=name, description=description, kind=kind, audience=audience,
            level_descriptions=COMPETENCY_LEVELS, expected_level=expected, expectations=per_kind,
            sort_order=order, actor=actor,
        )
        created += was_created
    return created
