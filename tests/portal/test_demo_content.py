"""seed_content builds the page tree with real Indonesian material, idempotently."""

import pytest
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from home.models import GoodPracticePage, GuidancePage, SiteSettings
from penilaian.catalogue import BERAKHLAK
from portal.demo import content
from tests.pelatihan.factories import make_programme


@pytest.fixture
def seeded(db):
    return content.seed_content()


def test_it_builds_the_library_with_the_issue_topics(seeded):
    slugs = set(GuidancePage.objects.live().values_list("slug", flat=True))
    assert {
        "memahami-skp-dan-siklus-kinerja", "berakhlak-tujuh-nilai-dasar", "cara-mengisi-evaluasi-diri",
        "umpan-balik-dan-dialog-kinerja", "hak-pengembangan-kompetensi-20-jp", "cara-mendaftar-workshop-dan-presensi-qr",
        "materi-sosialisasi-seri-workshop", "tanya-jawab",
    } <= slugs
    berakhlak = GuidancePage.objects.get(slug="berakhlak-tujuh-nilai-dasar")
    text = str(berakhlak.body)
    for _code, name, _description, behaviours in BERAKHLAK:
        assert name in text
        assert behaviours[0] in text
    assert berakhlak.indicators.count() == 7


def test_a_second_run_creates_nothing(seeded):
    counts = (Page.objects.count(), get_document_model().objects.count())
    assert content.seed_content() == {"pages_created": 0}
    assert (Page.objects.count(), get_document_model().objects.count()) == counts


def test_it_has_a_private_page_and_a_private_real_pdf(seeded):
    private = GuidancePage.objects.get(slug="bahan-paparan-untuk-agen-perubahan")
    assert PageViewRestriction.objects.filter(page=private, restriction_type="login").exists()
    document = get_document_model().objects.get(title="Naskah Paparan Sosialisasi (internal)")
    assert document.collection.get_view_restrictions().filter(restriction_type="login").exists()
    with document.file.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_the_good_practice_story_is_marked_as_demo_and_shows_the_reports_figures(seeded):
    story = GoodPracticePage.objects.get()
    rendered = str(story.body)
    assert "Konten contoh" in rendered
    assert [b.block_type for b in story.body].count("live_results") == 1
    assert not [b for b in story.body if b.block_type == "figure"]  # no typed-in numbers
    assert {i.code for i in story.indicators.all()} == {"kt-literasi-digital"}
    year = timezone.localdate().year
    assert story.period == f"{year - 2}–{year}" and "{" not in rendered + story.summary
    # The training is built after the pages: the page gets its programme then, once.
    assert story.programme is None and content.link_programmes() == 0
    programme = make_programme(code="literasi-digital-guru")
    assert content.link_programmes() == 1 and content.link_programmes() == 0
    story.refresh_from_db()
    assert story.programme == programme
    assert story.get_latest_revision_as_object().programme == programme  # editors keep it when they edit


def test_the_settings_menu_and_footer_are_filled_and_shown(seeded, client, employee_user):
    settings = SiteSettings.objects.get()
    assert settings.contact_email and len(settings.footer_link_list) == 4
    assert settings.footer_link_list[-1]["href"] == "/pelatihan/sertifikat/"  # anyone may check a certificate
    assert [link["label"] for link in settings.menu_links] == ["Panduan", "Pengumuman", "Praktik Baik", "Tanya Jawab"]
    client.force_login(employee_user)
    body = client.get("/dasbor/").content.decode()  # a non-page view shows them too
    assert 'href="/panduan/">Panduan</a>' in body
    assert settings.contact_email in body
    assert 'href="/kinerja/profil/"' in body  # the role links stay
