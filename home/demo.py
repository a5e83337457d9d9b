"""The portal's content on day one, written in Indonesian: the guidance library, the
socialisation material for the workshop series, an FAQ, announcements and the first praktik
baik (Dinas Pendidikan). Called by ``manage.py seed_demo``.

Idempotent: a page is created only when its slug does not exist under its parent yet, so a
second run changes nothing and never overwrites what editors have changed. Documents are real
PDFs generated with reportlab; the hero image is drawn with Pillow. Nothing is downloaded.
"""

from __future__ import annotations

import io
import json
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from penilaian import catalogue
from penilaian.models import Indicator, Predikat, Rating, Unit
from penilaian.rules import PREDIKAT_MATRIX

from .models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    GoodPracticeIndexPage,
    GoodPracticePage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    SiteSettings,
)

PUBLIC_COLLECTION = "Panduan publik"
INTERNAL_COLLECTION = "Dokumen internal"  # created with its login restriction by migration home/0004
DEMO_NOTE = (
    "<p><strong>Konten contoh (demo).</strong> Kisah dan angka pada halaman ini disusun untuk "
    "demonstrasi portal, bukan data resmi Pemerintah Kota Subulussalam. Ganti dengan data unit Anda.</p>"
)

RATING_ID = {Rating.ABOVE: "Di Atas Ekspektasi", Rating.MEETS: "Sesuai Ekspektasi", Rating.BELOW: "Di Bawah Ekspektasi"}
PREDIKAT_ID = {
    Predikat.SANGAT_BAIK: "Sangat Baik", Predikat.BAIK: "Baik", Predikat.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predikat.KURANG: "Kurang/Misconduct", Predikat.SANGAT_KURANG: "Sangat Kurang",
}


# --- Block helpers (Wagtail's raw StreamField format) ----------------------------------------


def _text(html):
    return {"type": "text", "value": html}


def _callout(kind, title, html):
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": html}}


def _steps(title, steps):
    return {"type": "steps", "value": {"title": title, "steps": [{"title": t, "text": h} for t, h in steps]}}


def _faq(title, items):
    return {"type": "faq", "value": {"title": title, "items": [{"question": q, "answer": a} for q, a in items]}}


def _document(document, title="", description=""):
    return {"type": "document", "value": {"document": document.pk, "title": title, "description": description}}


def _image(image, alt, caption=""):
    return {"type": "image", "value": {"image": image.pk, "alt": alt, "caption": caption}}


def _figure(label, before, after, note=""):
    return {"type": "figure", "value": {"label": label, "before": before, "after": after, "note": note}}


def _ul(items):
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


# --- Files ------------------------------------------------------------------------------------


def _pdf(title: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """A small, real PDF: a title and headed sections of paragraphs or bullet points."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author="BKPSDM Kota Subulussalam",
        leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
    )
    story = [Paragraph(escape(title), styles["Title"]),
             Paragraph("BKPSDM Kota Subulussalam · Portal Kinerja &amp; Pelatihan ASN", styles["Italic"]),
             Spacer(1, 0.5 * cm)]
    for heading, lines in sections:
        story.append(Paragraph(escape(heading), styles["Heading2"]))
        story.append(ListFlowable(
            [ListItem(Paragraph(escape(line), styles["BodyText"])) for line in lines], bulletType="1"
        ))
        story.append(Spacer(1, 0.3 * cm))
    doc.build(story)
    return buffer.getvalue()


def _hero_png() -> bytes:
    from PIL import Image, ImageDraw

    width, height = 1200, 400
    image = Image.new("RGB", (width, height), (15, 107, 92))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 8):  # a soft diagonal texture
        draw.line([(i, height), (i + 200, 0)], fill=(18, 118, 101), width=3)
    draw.rectangle([0, height - 24, width, height], fill=(245, 197, 66))
    draw.ellipse([880, 60, 1160, 340], outline=(245, 197, 66), width=10)
    draw.text((60, 150), "Portal Kinerja & Pelatihan ASN", fill=(255, 255, 255), font_size=56)
    draw.text((60, 230), "Pemerintah Kota Subulussalam", fill=(255, 255, 255), font_size=36)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _collection(name: str) -> Collection:
    existing = Collection.objects.filter(name=name, depth=2).first()
    return existing or Collection.get_first_root_node().add_child(name=name)


def _internal_collection() -> Collection:
    collection = _collection(INTERNAL_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection


def _document_ensure(title: str, filename: str, content: bytes, collection: Collection):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(content), save=False)
        document.file_size = len(content)
        document.full_clean()
        document.save()
    return document


def _image_ensure(title: str, filename: str, content: bytes, collection: Collection):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, collection=collection, file=ImageFile(io.BytesIO(content), name=filename))
        image.save()
    return image


# --- Pages ------------------------------------------------------------------------------------


def _child(parent: Page, model, slug: str, created: list, *, private: bool = False, **fields):
    """The live child page with this slug, created and published when missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    indicators = fields.pop("indicators", [])
    units = fields.pop("units", [])
    tags = fields.pop("tags", [])
    if "body" in fields:
        fields["body"] = json.dumps(fields["body"])
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    if indicators:
        page.indicators.set(Indicator.objects.filter(code__in=indicators))
    if units:
        page.units.set(units)
    if tags:
        page.tags.add(*tags)
    page.save_revision().publish()
    if private:
        PageViewRestriction.objects.get_or_create(page=page, restriction_type=PageViewRestriction.LOGIN)
    created.append(page)
    return page


def _berakhlak_body():
    blocks = [_text(
        "<p>BerAKHLAK adalah nilai dasar ASN yang ditetapkan pemerintah sejak 2021 dan menjadi dasar "
        "penilaian <b>perilaku kerja</b> sejak PermenPANRB Nomor 6 Tahun 2022. Setiap nilai dijabarkan "
        "dalam tiga panduan perilaku. Atasan menilai perilaku Anda berdasarkan contoh nyata sepanjang "
        "periode, bukan kesan sesaat.</p>"
    )]
    for number, (_code, name, description, behaviours) in enumerate(catalogue.BERAKHLAK, start=1):
        blocks.append(_text(f"<h2>{number}. {escape(name)}</h2><p>{escape(description)}</p>"
                            f"<p>Panduan perilaku:</p>{_ul(behaviours)}"))
    blocks.append(_callout(
        "tip", "Contoh perilaku sehari-hari",
        "<ul><li><b>Berorientasi Pelayanan</b>: membalas pertanyaan warga di loket atau WhatsApp layanan "
        "pada hari yang sama.</li><li><b>Akuntabel</b>: mencatat pemakaian kendaraan dinas dan BBM dengan "
        "jujur.</li><li><b>Kompeten</b>: membagikan materi pelatihan kepada rekan setelah kembali dari "
        "bimtek.</li><li><b>Kolaboratif</b>: mengajak puskesmas dan sekolah menyusun jadwal imunisasi "
        "bersama.</li></ul>",
    ))
    blocks.append(_faq("Pertanyaan tentang penilaian perilaku", [
        ("Bagaimana perilaku kerja saya dinilai?",
         "<p>Atasan memberi skor 1–5 untuk setiap nilai BerAKHLAK. Dari ketujuh skor itu portal "
         "mengusulkan penilaian perilaku (Di Atas, Sesuai, atau Di Bawah Ekspektasi); atasan dapat "
         "mengubah usulan itu dengan alasan tertulis.</p>"),
        ("Apakah saya ikut menilai diri sendiri?",
         "<p>Ya. Evaluasi diri Anda menjadi bahan dialog kinerja dengan atasan. Jika skor Anda dan skor "
         "atasan berbeda jauh, portal menyarankan dialog sebelum penilaian difinalkan.</p>"),
    ]))
    return blocks


def _predikat_list_html():
    rows = []
    for hasil in (Rating.ABOVE, Rating.MEETS, Rating.BELOW):
        for perilaku in (Rating.ABOVE, Rating.MEETS, Rating.BELOW):
            rows.append(
                f"Hasil kerja {RATING_ID[hasil]} + perilaku {RATING_ID[perilaku]} → "
                f"{PREDIKAT_ID[PREDIKAT_MATRIX[(hasil, perilaku)]]}"
            )
    return _ul(rows)


def _guidance(index, docs, created):
    pages = {}
    pages["skp"] = _child(
        index, GuidancePage, "memahami-skp-dan-siklus-kinerja", created,
        title="Memahami SKP dan Siklus Manajemen Kinerja",
        summary="Apa itu SKP, empat tahap manajemen kinerja ASN menurut PermenPANRB 6/2022, dan bagaimana "
                "hasil kerja serta perilaku kerja menjadi predikat kinerja.",
        tags=["SKP", "Siklus kinerja"], indicators=["kt-penyusunan-skp", "hk-capaian-skp"],
        body=[
            _text("<p><b>Sasaran Kinerja Pegawai (SKP)</b> adalah rencana kinerja dan perilaku yang Anda "
                  "sepakati dengan atasan langsung untuk satu tahun. SKP menurunkan sasaran unit kerja menjadi "
                  "hasil kerja yang dapat diukur, sehingga setiap ASN tahu kontribusinya.</p>"),
            _steps("Empat tahap manajemen kinerja", [
                ("Perencanaan kinerja",
                 "<p>Di awal tahun atasan menyampaikan ekspektasi. Anda menyusun SKP (hasil kerja dan "
                 "indikatornya) lalu menyepakatinya bersama atasan.</p>"),
                ("Pelaksanaan, pemantauan, dan pembinaan",
                 "<p>Sepanjang tahun atasan memberi umpan balik berkelanjutan dan mengadakan dialog kinerja. "
                 "Jika ada hambatan, atasan melakukan coaching, mentoring, atau konseling.</p>"),
                ("Penilaian kinerja",
                 "<p>Penilaian periodik (bulanan atau triwulanan) dan tahunan. Anda mengisi evaluasi diri; "
                 "atasan menilai <b>hasil kerja</b> dan <b>perilaku kerja</b> (BerAKHLAK).</p>"),
                ("Tindak lanjut",
                 "<p>Hasil penilaian ditindaklanjuti dengan penghargaan, pengembangan kompetensi "
                 "(pelatihan sesuai kesenjangan), atau pembinaan bila kinerja di bawah ekspektasi.</p>"),
            ]),
            _text("<h2>Dari dua penilaian menjadi predikat</h2><p>Hasil kerja dan perilaku kerja masing-masing "
                  "dinilai <i>Di Atas</i>, <i>Sesuai</i>, atau <i>Di Bawah Ekspektasi</i>. Keduanya "
                  "digabung menjadi predikat kinerja:</p>" + _predikat_list_html()),
            _callout("info", "Di portal ini",
                     "<p>Portal menyimpan hasil penilaian dan tindak lanjut pengembangannya. Penyusunan SKP "
                     "tetap dilakukan pada aplikasi kinerja yang berlaku; portal memakai capaian SKP sebagai "
                     "indikator hasil kerja.</p>"),
        ],
    )
    pages["berakhlak"] = _child(
        index, GuidancePage, "berakhlak-tujuh-nilai-dasar", created,
        title="BerAKHLAK: Tujuh Nilai Dasar ASN dan Perilakunya",
        summary="Berorientasi Pelayanan, Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, dan Kolaboratif — "
                "arti setiap nilai, tiga panduan perilakunya, dan contoh sehari-hari.",
        tags=["BerAKHLAK", "Perilaku kerja"],
        indicators=[code for code, *_rest in catalogue.BERAKHLAK],
        body=_berakhlak_body(),
    )
    pages["evaluasi"] = _child(
        index, GuidancePage, "cara-mengisi-evaluasi-diri", created,
        title="Cara Mengisi Evaluasi Diri",
        summary="Langkah demi langkah mengisi evaluasi diri di portal: menilai setiap indikator 1–5, "
                "menulis catatan, melampirkan bukti, dan mengirimkannya kepada atasan.",
        tags=["Evaluasi diri", "Panduan portal"], indicators=["hk-capaian-skp"],
        body=[
            _text("<p>Evaluasi diri adalah kesempatan Anda menunjukkan apa yang sudah dicapai. Isilah dengan "
                  "jujur dan sertakan bukti: atasan membaca evaluasi Anda sebelum memberi nilai.</p>"),
            _steps("Langkah-langkah", [
                ("Masuk ke portal", "<p>Gunakan NIP (boleh dengan spasi) atau e-mail dan kata sandi Anda. "
                                    "Belum punya akun? Pilih <b>Aktivasi akun</b> di halaman depan.</p>"),
                ("Buka Profil saya", "<p>Pada menu, pilih <b>Profil saya</b>, lalu periode penilaian yang sedang "
                                     "dibuka.</p>"),
                ("Nilai setiap indikator", "<p>Untuk setiap indikator pilih tingkat 1–5. Bacalah deskripsi "
                                           "tingkatnya; tingkat 3 berarti sesuai harapan.</p>"),
                ("Tulis catatan dan bukti", "<p>Tulis contoh nyata (kegiatan, tanggal, hasil). Tautan bukti "
                                            "boleh berupa dokumen di aplikasi kantor Anda.</p>"),
                ("Kirim kepada atasan", "<p>Periksa kembali, lalu pilih <b>Kirim</b>. Setelah dikirim, "
                                        "evaluasi tidak dapat diubah kecuali dikembalikan oleh atasan.</p>"),
            ]),
            _callout("warning", "Perhatikan batas waktu",
                     "<p>Evaluasi diri yang terlambat membuat penilaian atasan tertunda. Tanggal batas setiap "
                     "periode diumumkan di halaman Pengumuman.</p>"),
            _document(docs["evaluasi"], "Panduan singkat evaluasi diri (PDF, untuk dicetak)",
                      "Ringkasan langkah di atas dalam dua halaman, cocok ditempel di ruang guru atau kantor."),
        ],
    )
    pages["dialog"] = _child(
        index, GuidancePage, "umpan-balik-dan-dialog-kinerja", created,
        title="Umpan Balik dan Dialog Kinerja untuk Atasan",
        summary="Cara atasan memberi umpan balik yang membangun dan memimpin dialog kinerja: persiapan, "
                "jalannya percakapan, dan tindak lanjut yang tercatat.",
        tags=["Atasan", "Dialog kinerja"], indicators=["km-kepemimpinan", "ba-kompeten", "ba-harmonis"],
        body=[
            _text("<p>Dialog kinerja adalah percakapan terjadwal antara atasan dan pegawai tentang capaian, "
                  "hambatan, dan dukungan yang dibutuhkan. Lakukan paling tidak sekali setiap periode "
                  "penilaian, dan setiap kali ada perbedaan besar antara evaluasi diri dan penilaian Anda.</p>"),
            _steps("Alur dialog 30 menit", [
                ("Persiapan (sebelum bertemu)", "<p>Baca evaluasi diri pegawai dan bukti yang dilampirkan. "
                                                "Catat dua hal yang berjalan baik dan satu hal untuk "
                                                "diperbaiki.</p>"),
                ("Buka dengan pertanyaan", "<p>“Menurut Anda, apa capaian terpenting periode ini?” Biarkan "
                                           "pegawai berbicara lebih dulu.</p>"),
                ("Beri umpan balik spesifik", "<p>Gunakan pola <b>Situasi – Perilaku – Dampak</b>: kapan, apa "
                                              "yang dilakukan, dan akibatnya bagi layanan.</p>"),
                ("Sepakati tindak lanjut", "<p>Tetapkan satu atau dua langkah: coaching, pelatihan untuk "
                                           "indikator yang lemah, atau penugasan baru. Catat di portal.</p>"),
            ]),
            _callout("tip", "Umpan balik yang membangun",
                     "<ul><li>Bicarakan perilaku, bukan pribadi.</li><li>Berikan segera, jangan menunggu akhir "
                     "tahun.</li><li>Seimbangkan apresiasi dan perbaikan.</li><li>Dengarkan sebelum "
                     "menyimpulkan.</li></ul>"),
        ],
    )
    pages["jp"] = _child(
        index, GuidancePage, "hak-pengembangan-kompetensi-20-jp", created,
        title="Hak Pengembangan Kompetensi: 20 JP per Tahun",
        summary="Setiap PNS berhak atas paling sedikit 20 jam pelajaran (JP) pengembangan kompetensi setiap "
                "tahun; PPPK paling lama 24 JP. Apa yang dihitung, dan cara memenuhinya.",
        tags=["Pengembangan kompetensi", "JP"], indicators=["ba-kompeten"],
        body=[
            _text("<p>Peraturan Pemerintah Nomor 11 Tahun 2017 sebagaimana diubah dengan PP Nomor 17 Tahun 2020 "
                  "memberi setiap PNS hak pengembangan kompetensi <b>paling sedikit 20 jam pelajaran (JP) per "
                  "tahun</b>. PPPK mendapat pengembangan kompetensi <b>paling lama 24 JP per tahun</b> masa "
                  "perjanjian kerja. <b>1 JP = 45 menit.</b></p>"),
            _text("<h2>Apa saja yang dihitung</h2><p><b>Klasikal</b>: pelatihan, workshop/lokakarya, "
                  "bimbingan teknis, seminar, kursus, sosialisasi, penataran, magang.</p><p><b>Nonklasikal</b>: "
                  "coaching, mentoring, e-learning, pelatihan jarak jauh, detasering, patok banding, belajar "
                  "mandiri, komunitas belajar, dan bimbingan di tempat kerja.</p>"),
            _callout("info", "Contoh hitungan",
                     "<p>Workshop dua hari masing-masing 6 jam efektif = 12 jam × 60 ÷ 45 = <b>16 JP</b>. "
                     "Ditambah satu kursus e-learning 4 JP, target 20 JP tahun ini terpenuhi.</p>"),
            _steps("Cara memenuhi 20 JP", [
                ("Lihat kesenjangan Anda", "<p>Setelah penilaian, portal menunjukkan indikator yang masih di "
                                           "bawah harapan jabatan Anda.</p>"),
                ("Pilih pelatihan yang sesuai", "<p>Portal menyarankan pelatihan untuk indikator itu. Bicarakan "
                                                "dengan atasan dalam dialog kinerja.</p>"),
                ("Ikuti sampai selesai", "<p>JP tercatat setelah kehadiran lengkap dan sertifikat terbit.</p>"),
            ]),
        ],
    )
    pages["workshop"] = _child(
        index, GuidancePage, "cara-mendaftar-workshop-dan-presensi-qr", created,
        title="Cara Mendaftar Workshop dan Presensi dengan Kode QR",
        summary="Mendaftar workshop dari ponsel, masuk daftar tunggu bila kuota penuh, dan mengisi kehadiran "
                "dengan memindai kode QR di ruang pelatihan.",
        tags=["Workshop", "Panduan portal"], indicators=["kt-literasi-digital"],
        body=[
            _steps("Mendaftar", [
                ("Buka jadwal workshop", "<p>Di halaman depan, bagian <b>Workshop mendatang</b>, pilih workshop "
                                         "yang sesuai dengan kebutuhan Anda.</p>"),
                ("Periksa kuota dan syarat", "<p>Halaman workshop menunjukkan tanggal, tempat, JP, dan sisa "
                                             "kursi.</p>"),
                ("Pilih Daftar", "<p>Jika kursi masih ada, pendaftaran langsung dikonfirmasi. Jika penuh, Anda "
                                 "masuk <b>daftar tunggu</b> dan otomatis naik bila ada peserta yang batal.</p>"),
                ("Batalkan bila berhalangan", "<p>Batalkan paling lambat sehari sebelumnya agar kursi Anda dapat "
                                              "dipakai rekan di daftar tunggu.</p>"),
            ]),
            _steps("Presensi dengan kode QR", [
                ("Masuk ke portal di ponsel", "<p>Pastikan Anda sudah masuk sebelum sesi dimulai.</p>"),
                ("Pindai kode QR", "<p>Fasilitator menampilkan kode QR yang berganti setiap beberapa detik. "
                                   "Pindai dengan kamera ponsel; halaman presensi terbuka.</p>"),
                ("Konfirmasi", "<p>Pilih <b>Hadir</b>. Untuk workshop beberapa hari, presensi diisi setiap "
                               "hari.</p>"),
            ]),
            _callout("tip", "Tidak punya ponsel pintar?",
                     "<p>Fasilitator dapat mencatat kehadiran Anda secara manual di lembar presensi portal.</p>"),
        ],
    )
    pages["sosialisasi"] = _child(
        index, GuidancePage, "materi-sosialisasi-seri-workshop", created,
        title="Materi Sosialisasi: Seri Workshop Kinerja dan Berbagi Praktik Baik",
        summary="Seri workshop yang memperkenalkan penilaian kinerja baru kepada pegawai dari setiap SKPK, "
                "sekaligus tempat unit kerja berbagi praktik baik.",
        tags=["Sosialisasi", "Workshop"], indicators=["ba-kolaboratif", "ba-adaptif", "kt-penyusunan-skp"],
        body=[
            _text("<p>Perubahan cara menilai kinerja sering menimbulkan pertanyaan dan keraguan. Karena itu "
                  "BKPSDM menyelenggarakan <b>seri workshop</b> yang diikuti perwakilan setiap SKPK, sekolah, "
                  "dan puskesmas. Tujuannya tiga:</p><ol><li>memahami siklus kinerja, SKP, dan BerAKHLAK;</li>"
                  "<li>berlatih evaluasi diri dan dialog kinerja di portal;</li><li>mendengar praktik baik "
                  "dari unit lain dan membawanya pulang.</li></ol>"),
            _steps("Rangkaian sesi", [
                ("Sesi 1 — Mengapa penilaian kinerja berubah", "<p>Siklus kinerja, SKP, dan predikat. 4 JP.</p>"),
                ("Sesi 2 — BerAKHLAK dalam pekerjaan sehari-hari", "<p>Diskusi kasus per nilai. 4 JP.</p>"),
                ("Sesi 3 — Praktik portal", "<p>Evaluasi diri, penilaian atasan, dan dialog kinerja memakai "
                                            "data latihan. 4 JP.</p>"),
                ("Sesi 4 — Berbagi praktik baik", "<p>Unit kerja memaparkan perubahan yang mereka lakukan dan "
                                                  "hasilnya, misalnya kisah Dinas Pendidikan. 4 JP.</p>"),
            ]),
            _callout("info", "Siapa yang diundang",
                     "<p>Setiap SKPK mengirim dua orang: satu pejabat penilai dan satu pegawai yang akan menjadi "
                     "<i>agen perubahan</i> di unitnya. Keduanya menyampaikan kembali materi ini di unit "
                     "masing-masing.</p>"),
            _document(docs["ringkasan"], "Lembar ringkasan sosialisasi (PDF)",
                      "Dua halaman untuk dibagikan setelah sosialisasi di unit Anda."),
        ],
    )
    pages["internal"] = _child(
        index, GuidancePage, "bahan-paparan-untuk-agen-perubahan", created, private=True,
        title="Bahan Paparan untuk Fasilitator dan Agen Perubahan (internal)",
        summary="Naskah paparan, jadwal, dan lembar kerja untuk menyampaikan kembali sosialisasi di unit kerja. "
                "Khusus pegawai yang sudah masuk.",
        tags=["Sosialisasi", "Internal"], indicators=["ba-kolaboratif"],
        body=[
            _callout("warning", "Materi internal",
                     "<p>Halaman dan dokumen ini hanya untuk pegawai Pemerintah Kota Subulussalam. Jangan "
                     "disebarkan di luar lingkungan kerja.</p>"),
            _steps("Menyampaikan kembali di unit Anda", [
                ("Jadwalkan 2 × 90 menit", "<p>Dalam dua minggu setelah workshop, bersama kepala unit.</p>"),
                ("Pakai naskah paparan", "<p>Unduh dokumen di bawah; sesuaikan contoh dengan pekerjaan unit.</p>"),
                ("Kumpulkan pertanyaan", "<p>Kirim pertanyaan yang belum terjawab ke BKPSDM agar masuk ke halaman "
                                         "Tanya Jawab.</p>"),
            ]),
            _document(docs["internal"], "Naskah paparan sosialisasi (PDF, internal)"),
        ],
    )
    pages["faq"] = _child(
        index, GuidancePage, "tanya-jawab", created,
        title="Tanya Jawab Penilaian Kinerja dan Pelatihan",
        summary="Jawaban singkat atas pertanyaan yang paling sering diajukan pegawai tentang akun, evaluasi "
                "diri, predikat, JP, dan pelatihan.",
        tags=["FAQ", "Panduan portal"], indicators=[],
        body=[_faq("Pertanyaan yang sering diajukan", [
            ("Bagaimana cara mendapatkan akun portal?",
             "<p>Pilih <b>Aktivasi akun</b>, masukkan NIP dan e-mail yang terdaftar di BKPSDM. Tautan aktivasi "
             "dikirim ke e-mail itu. Jika e-mail Anda belum terdaftar atau salah, hubungi admin kepegawaian "
             "unit Anda.</p>"),
            ("Saya lupa kata sandi.",
             "<p>Pilih <b>Lupa kata sandi</b> di halaman masuk. Tautan untuk membuat kata sandi baru dikirim ke "
             "e-mail Anda.</p>"),
            ("Siapa yang menilai saya?",
             "<p>Atasan langsung Anda (pejabat penilai). Untuk guru, kepala sekolah. Atasan dari atasan Anda "
             "memeriksa dan menyetujui penilaian.</p>"),
            ("Apa bedanya hasil kerja dan perilaku kerja?",
             "<p>Hasil kerja mengukur capaian SKP Anda. Perilaku kerja mengukur penerapan tujuh nilai "
             "BerAKHLAK. Keduanya digabung menjadi predikat kinerja.</p>"),
            ("Saya tidak setuju dengan nilai dari atasan.",
             "<p>Mintalah dialog kinerja. Sampaikan bukti Anda. Jika tetap tidak sepakat, atasan dari atasan "
             "Anda dapat meninjau sebelum penilaian difinalkan.</p>"),
            ("Berapa JP yang harus saya penuhi?",
             "<p>PNS paling sedikit 20 JP per tahun; PPPK paling lama 24 JP per tahun. 1 JP = 45 menit.</p>"),
            ("Apakah pelatihan mandiri (e-learning) dihitung?",
             "<p>Ya, jika ada bukti penyelesaian (sertifikat) dan jumlah JP-nya. Unggah melalui admin "
             "kepegawaian unit Anda.</p>"),
            ("Mengapa saya masuk daftar tunggu?",
             "<p>Kuota workshop sudah penuh. Anda otomatis mendapat kursi bila ada peserta yang membatalkan, "
             "dan akan diberi tahu melalui e-mail.</p>"),
        ])],
    )
    return pages


def seed_content() -> dict[str, int]:
    """Create the page tree and its content. Returns what was created."""
    catalogue.catalogue_ensure()
    created: list[Page] = []
    home = HomePage.objects.first()
    if home is None:  # the migration creates it; a hand-deleted tree gets a new one
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda"))
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})

    public = _collection(PUBLIC_COLLECTION)
    internal = _internal_collection()
    hero = _image_ensure("Banner portal kinerja", "banner-portal-kinerja.png", _hero_png(), public)
    docs = {
        "evaluasi": _document_ensure(
            "Panduan Singkat Evaluasi Diri", "panduan-evaluasi-diri.pdf",
            _pdf("Panduan Singkat Evaluasi Diri", [
                ("Sebelum mulai", ["Siapkan SKP tahun berjalan dan bukti capaian (laporan, foto kegiatan, dokumen).",
                                   "Masuk ke portal dengan NIP atau e-mail."]),
                ("Langkah", ["Buka Profil saya dan pilih periode yang dibuka.",
                             "Nilai setiap indikator 1-5; tingkat 3 berarti sesuai harapan.",
                             "Tulis contoh nyata dan tautan bukti.",
                             "Kirim kepada atasan sebelum batas waktu."]),
                ("Setelah dikirim", ["Atasan membaca evaluasi Anda dan memberi nilai.",
                                     "Bila nilai berbeda jauh, atasan mengajak dialog kinerja."]),
            ]), public),
        "ringkasan": _document_ensure(
            "Lembar Ringkasan Sosialisasi Kinerja ASN", "ringkasan-sosialisasi-kinerja.pdf",
            _pdf("Ringkasan Sosialisasi Penilaian Kinerja ASN", [
                ("Siklus kinerja", ["Perencanaan: SKP disepakati dengan atasan.",
                                    "Pelaksanaan: umpan balik dan dialog kinerja.",
                                    "Penilaian: hasil kerja dan perilaku kerja (BerAKHLAK).",
                                    "Tindak lanjut: penghargaan dan pengembangan kompetensi."]),
                ("Hak pengembangan", ["PNS paling sedikit 20 JP per tahun; PPPK paling lama 24 JP.",
                                      "1 JP = 45 menit."]),
            ]), public),
        "internal": _document_ensure(
            "Naskah Paparan Sosialisasi (internal)", "naskah-paparan-sosialisasi-internal.pdf",
            _pdf("Naskah Paparan Sosialisasi untuk Agen Perubahan", [
                ("Pembukaan (10 menit)", ["Sampaikan tujuan: kinerja dinilai dengan data, pengembangan sesuai kebutuhan.",
                                          "Tanyakan pengalaman peserta dengan penilaian tahun lalu."]),
                ("Inti (60 menit)", ["Siklus kinerja dan SKP.", "Tujuh nilai BerAKHLAK dengan contoh unit sendiri.",
                                     "Praktik evaluasi diri di portal dengan akun masing-masing."]),
                ("Penutup (20 menit)", ["Kisah praktik baik Dinas Pendidikan.", "Kumpulkan pertanyaan untuk BKPSDM."]),
            ]), internal),
    }

    if home.hero_image_id is None:
        home.hero_image = hero
        if not home.intro:
            home.intro = ("<p>Penilaian kinerja yang adil dan pengembangan kompetensi yang sesuai kebutuhan, untuk "
                          "seluruh ASN Pemerintah Kota Subulussalam. Baca panduan, ikuti workshop, dan pantau "
                          "JP Anda di sini.</p>")
        home.save_revision().publish()

    library = _child(home, GuidanceIndexPage, "panduan", created, title="Pustaka Panduan",
                     intro="<p>Panduan dan materi sosialisasi penilaian kinerja dan pengembangan kompetensi. "
                           "Pilih topik atau cari dengan kata kunci.</p>")
    guidance = _guidance(library, docs, created)

    news = _child(home, AnnouncementIndexPage, "pengumuman", created, title="Pengumuman",
                  intro="<p>Informasi terbaru dari BKPSDM Kota Subulussalam.</p>")
    today = timezone.localdate()
    _child(news, AnnouncementPage, "portal-kinerja-resmi-digunakan", created,
           title="Portal Kinerja & Pelatihan ASN resmi digunakan", date=today - timedelta(days=14),
           summary="Mulai tahun ini evaluasi diri, penilaian atasan, dan pendaftaran pelatihan dilakukan melalui "
                   "portal. Aktifkan akun Anda dengan NIP dan e-mail yang terdaftar.",
           body=[_text("<p>BKPSDM Kota Subulussalam meluncurkan Portal Kinerja &amp; Pelatihan ASN. Setiap ASN "
                       "dapat mengaktifkan akun melalui menu <b>Aktivasi akun</b>. Panduan lengkap tersedia di "
                       "Pustaka Panduan.</p>")])
    _child(news, AnnouncementPage, "jadwal-seri-workshop-sosialisasi", created,
           title="Jadwal seri workshop sosialisasi untuk seluruh SKPK", date=today - timedelta(days=5),
           expires=today + timedelta(days=60),
           summary="Setiap SKPK, sekolah, dan puskesmas mengirim dua perwakilan ke seri workshop sosialisasi "
                   "penilaian kinerja dan berbagi praktik baik.",
           body=[_text("<p>Seri workshop dilaksanakan di Aula BKPSDM dalam beberapa gelombang. Pendaftaran "
                       "dibuka melalui portal; kuota setiap gelombang 30 orang. Materi tersedia di halaman "
                       "Materi Sosialisasi.</p>")])
    _child(news, AnnouncementPage, "batas-evaluasi-diri", created,
           title="Batas pengisian evaluasi diri periode berjalan", date=today - timedelta(days=1),
           expires=today + timedelta(days=30),
           summary="Isi dan kirim evaluasi diri Anda paling lambat dua minggu sebelum akhir periode agar atasan "
                   "sempat menilai dan berdialog.",
           body=[_text("<p>Lihat <b>Cara Mengisi Evaluasi Diri</b> di Pustaka Panduan. Kepala unit diminta "
                       "memantau kemajuan pengisian di dasbor.</p>")])

    practices = _child(home, GoodPracticeIndexPage, "praktik-baik", created, title="Praktik Baik",
                       intro="<p>Kisah unit kerja yang mengubah cara kerjanya dan apa hasilnya — dibagikan dalam "
                             "seri workshop agar dapat ditiru unit lain.</p>")
    disdik = Unit.objects.filter(code="disdikbud").first()
    _child(practices, GoodPracticePage, "disdik-pelatihan-guru-berbasis-kebutuhan", created,
           title="Dinas Pendidikan: pelatihan guru sesuai kebutuhan, pembelajaran membaik, hasil belajar naik",
           period="2022–2025",
           summary="Dinas Pendidikan dan Kebudayaan menilai guru secara sistematis, melatih mereka sesuai "
                   "kesenjangan kompetensi masing-masing, dan dalam tiga tahun melihat mutu pembelajaran dan "
                   "hasil belajar murid meningkat.",
           units=[disdik] if disdik else [], indicators=["kt-pedagogik", "kt-pembelajaran-digital", "ba-kompeten"],
           body=[
               _callout("warning", "Konten contoh", DEMO_NOTE),
               _text("<h2>Titik awal</h2><p>Pada 2022 pelatihan guru ditentukan berdasarkan undangan yang "
                     "datang, bukan kebutuhan. Guru yang sama mengikuti banyak bimtek, sementara sebagian besar "
                     "tidak pernah dilatih. Rata-rata JP guru hanya 9 JP per tahun.</p>"),
               _steps("Apa yang diubah", [
                   ("Penilaian yang sama untuk semua guru",
                    "<p>Kepala sekolah menilai 412 guru dengan indikator yang sama, termasuk kompetensi "
                    "pedagogik, berdasarkan observasi kelas.</p>"),
                   ("Analisis kebutuhan (AKPK)",
                    "<p>Kesenjangan dihitung per guru. 58% guru berada di bawah harapan pada kompetensi "
                    "pedagogik, terutama asesmen dan pembelajaran berdiferensiasi.</p>"),
                   ("Pelatihan sesuai kesenjangan",
                    "<p>Tiga gelombang workshop <i>Pembelajaran Berdiferensiasi</i> (24 JP) dan komunitas "
                    "belajar per gugus sekolah. Kuota diutamakan bagi guru dengan kesenjangan terbesar.</p>"),
                   ("Evaluasi ulang indikator yang sama",
                    "<p>Enam bulan setelah pelatihan, kepala sekolah mengobservasi ulang kelas peserta dengan "
                    "instrumen yang sama.</p>"),
               ]),
               _text("<h2>Hasilnya</h2>"),
               _figure("Rata-rata nilai tes peserta (pre-test → post-test)", "61", "82", "Tiga gelombang, 286 peserta"),
               _figure("Guru dengan observasi kelas minimal “Baik”", "41%", "73%", "2022 → 2025"),
               _figure("Murid SD mencapai kompetensi minimum literasi", "38%", "57%", "Rapor Pendidikan 2022 → 2025"),
               _figure("Murid SD mencapai kompetensi minimum numerasi", "29%", "46%", "Rapor Pendidikan 2022 → 2025"),
               _figure("Rata-rata JP guru per tahun", "9 JP", "23 JP", "Target PNS: 20 JP"),
               _text("<h2>Pelajaran untuk unit lain</h2><ul><li>Mulailah dari data penilaian, bukan dari "
                     "tawaran pelatihan.</li><li>Ukur ulang indikator yang sama agar manfaat pelatihan "
                     "terlihat.</li><li>Libatkan kepala sekolah sebagai pembina, bukan hanya penilai.</li></ul>"),
           ])

    _site_settings(home, library, news, practices, guidance)
    return {"pages_created": len(created)}


def _site_settings(home, library, news, practices, guidance) -> None:
    site = Site.objects.filter(root_page=home).first() or Site.objects.filter(is_default_site=True).first()
    if site is None or SiteSettings.objects.filter(site=site).exists():
        return  # editors own the settings once they exist

    def link(label, page=None, url=""):
        return {"type": "link", "value": {"label": label, "page": page.pk if page else None, "url": url}}

    SiteSettings.objects.create(
        site=site,
        contact_email="bkpsdm@asn.subulussalam.test",
        address="Kompleks Perkantoran Pemerintah Kota Subulussalam\nKecamatan Simpang Kiri, Kota Subulussalam, Aceh",
        office_hours="Senin–Jumat, 08.00–16.00 WIB",
        main_menu=json.dumps([
            link("Panduan", library), link("Pengumuman", news), link("Praktik Baik", practices),
            link("Tanya Jawab", guidance["faq"]),
        ]),
        footer_links=json.dumps([
            link("Tanya Jawab", guidance["faq"]), link("Hak 20 JP", guidance["jp"]),
            link("Aktivasi akun", url="/accounts/aktivasi/"),
        ]),
    )
