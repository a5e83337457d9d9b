"""Search across guidance, announcements and good practice, in Indonesian, on SQLite and
PostgreSQL (the database backend indexes on save)."""

import pytest
from django.db import connection


def _titles(response):
    results = response.context["results"]
    return [r.title for r in results] if results else []


def test_search_finds_a_guidance_page_by_an_indonesian_word_in_its_body(client, make_guidance):
    make_guidance("Panduan kearsipan", body="<p>Naskah dinas disimpan menurut jadwal retensi arsip.</p>")
    make_guidance("Panduan lain", body="<p>Tentang hal yang berbeda sama sekali.</p>")
    response = client.get("/cari/", {"q": "retensi"})
    assert response.status_code == 200
    assert _titles(response) == ["Panduan kearsipan"]
    assert "Panduan kearsipan" in response.content.decode()


def test_search_covers_announcements(client, make_announcement):
    make_announcement("Jadwal workshop", summary="Pendaftaran gelombang kedua dibuka hari Senin.")
    response = client.get("/cari/", {"q": "gelombang"})
    assert _titles(response) == ["Jadwal workshop"]


def test_search_hides_internal_pages_from_anonymous_visitors(client, make_guidance, employee_user):
    make_guidance("Materi internal", body="<p>Paparan untuk agen perubahan.</p>", private=True)
    assert _titles(client.get("/cari/", {"q": "agen perubahan"})) == []
    client.force_login(employee_user)
    assert _titles(client.get("/cari/", {"q": "agen perubahan"})) == ["Materi internal"]


def test_an_empty_search_shows_a_hint_and_nothing_found_says_so(client, make_guidance):
    make_guidance()
    response = client.get("/cari/")
    assert response.status_code == 200 and response.context["results"] is None
    response = client.get("/cari/", {"q": "zzzyyyxxx"})
    assert _titles(response) == []
    assert "zzzyyyxxx" in response.content.decode()


def test_search_only_answers_get(client, db):
    assert client.post("/cari/", {"q": "x"}).status_code == 405


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL's 'indonesian' configuration")
def test_on_postgresql_search_understands_indonesian_word_forms(client, make_guidance):
    make_guidance("Hak pengembangan", body="<p>Setiap pegawai berhak mengikuti pelatihan.</p>")
    # "melatih" and "pelatihan" share the stem "latih".
    assert _titles(client.get("/cari/", {"q": "melatih"})) == ["Hak pengembangan"]
