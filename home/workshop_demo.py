"""Demo workshop pages (issue 4): an index under the home page and one page per open session.
Idempotent: a session that already has a page gets no second one."""

from __future__ import annotations

from django.utils.text import slugify

from .models import HomePage
from .workshop_pages import WorkshopIndexPage, WorkshopPage


def seed_workshop_pages() -> int:
    from pelatihan.selectors import sessions as selectors

    home = HomePage.objects.first()
    if home is None:
        return 0
    index = WorkshopIndexPage.objects.first()
    if index is None:
        index = WorkshopIndexPage(
            title="Pelatihan dan Workshop", slug="workshop",
            intro="<p>Pelatihan, bimtek, dan workshop yang dibuka BKPSDM Kota Subulussalam. Pilih kelas yang "
                  "sesuai kebutuhan pengembangan kompetensi Anda, lalu daftar langsung dari halamannya.</p>",
        )
        home.add_child(instance=index)
    have = set(WorkshopPage.objects.values_list("session_id", flat=True))
    created = 0
    for session in selectors.published_sessions():
        if session.pk in have:
            continue
        programme = session.programme
        trainers = [t.get_full_name() or "Widyaiswara BKPSDM" for t in session.trainers.all()] or ["Narasumber BKPSDM"]
        page = WorkshopPage(
            title=f"{programme.title} — {session.name}", slug=slugify(f"{programme.code}-{session.pk}"),
            session=session, intro=programme.description,
            body=[
                ("paragraph", f"<p>{programme.description} Kegiatan ini bernilai <b>{programme.jp} JP</b> dan "
                              f"dihitung dalam riwayat pengembangan kompetensi Anda setelah dinyatakan selesai.</p>"),
                ("agenda", [
                    {"time": "08.30–09.00", "title": "Registrasi dan pembukaan", "description": ""},
                    {"time": "09.00–12.00", "title": "Materi inti dan diskusi", "description": ""},
                    {"time": "13.30–15.00", "title": "Praktik dan studi kasus", "description": ""},
                    {"time": "15.00–15.30", "title": "Refleksi dan penutupan", "description": ""},
                ]),
                ("speakers", [{"name": name, "role": programme.provider, "bio": ""} for name in trainers]),
            ],
        )
        index.add_child(instance=page)
        created += 1
    return created
