"""Page types: where each may live, and that an editor can create each one in the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    GoodPracticeIndexPage,
    GoodPracticePage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
)
from penilaian.catalogue import catalogue_ensure
from penilaian.models import Indicator, Unit


class PageRulesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()
        self.user = self.create_superuser("editor-uji", password="password")
        self.client.force_login(self.user)

    def test_the_sections_live_under_the_home_page(self):
        self.assertAllowedParentPageTypes(GuidanceIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(AnnouncementIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(GoodPracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuidanceIndexPage, {GuidancePage})
        self.assertAllowedSubpageTypes(AnnouncementIndexPage, {AnnouncementPage})
        self.assertAllowedSubpageTypes(GoodPracticeIndexPage, {GoodPracticePage})

    def test_content_pages_have_one_kind_of_parent_and_no_children(self):
        self.assertAllowedParentPageTypes(GuidancePage, {GuidanceIndexPage})
        self.assertAllowedParentPageTypes(AnnouncementPage, {AnnouncementIndexPage})
        self.assertAllowedParentPageTypes(GoodPracticePage, {GoodPracticeIndexPage})
        for model in (GuidancePage, AnnouncementPage, GoodPracticePage):
            self.assertAllowedSubpageTypes(model, set())
        self.assertCanNotCreateAt(HomePage, GuidancePage)
        self.assertCanNotCreateAt(GuidanceIndexPage, AnnouncementPage)

    def test_there_is_only_one_home_page(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_an_editor_can_create_each_page_type(self):
        catalogue_ensure()
        indicator = Indicator.objects.get(code="ba-kompeten")
        unit = Unit.objects.create(code="disdikbud", name="Dinas Pendidikan dan Kebudayaan")
        body = streamfield([("text", rich_text("<p>Isi halaman.</p>"))])

        self.assertCanCreate(self.home, GuidanceIndexPage, nested_form_data({"title": "Pustaka", "intro": rich_text("")}))
        library = GuidanceIndexPage.objects.get()
        data = nested_form_data({
            "title": "Cara mengisi evaluasi diri", "summary": "Langkah demi langkah.", "body": body, "tags": "Evaluasi diri, SKP",
        })
        data["indicators"] = [indicator.pk]  # a multiple choice field posts a list
        self.assertCanCreate(library, GuidancePage, data)
        guidance = GuidancePage.objects.get()
        self.assertEqual(list(guidance.indicators.all()), [indicator])
        self.assertEqual(sorted(t.name for t in guidance.tags.all()), ["Evaluasi diri", "SKP"])

        self.assertCanCreate(self.home, AnnouncementIndexPage, nested_form_data({"title": "Pengumuman", "intro": rich_text("")}))
        self.assertCanCreate(AnnouncementIndexPage.objects.get(), AnnouncementPage, nested_form_data({
            "title": "Workshop dibuka", "date": "2026-01-05", "summary": "Pendaftaran dibuka.", "body": body,
        }))

        self.assertCanCreate(self.home, GoodPracticeIndexPage, nested_form_data({"title": "Praktik Baik", "intro": rich_text("")}))
        data = nested_form_data({
            "title": "Guru dilatih sesuai kebutuhan", "summary": "Kisah Disdik.", "period": "2022–2025",
            "body": streamfield([("figure", {"label": "Literasi", "before": "38%", "after": "57%", "note": ""})]),
        })
        data.update(units=[unit.pk], indicators=[indicator.pk])
        self.assertCanCreate(GoodPracticeIndexPage.objects.get(), GoodPracticePage, data)
        practice = GoodPracticePage.objects.get()
        self.assertEqual(list(practice.units.all()), [unit])

    def test_an_announcement_cannot_end_before_it_starts(self):
        news = self.home.add_child(instance=AnnouncementIndexPage(title="Pengumuman"))
        response = self.client.post(
            f"/admin/pages/add/home/announcementpage/{news.pk}/",
            nested_form_data({"title": "Salah", "slug": "salah", "date": "2026-02-10", "expires": "2026-02-01",
                              "summary": "x", "body": streamfield([])}),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("expires", response.context["form"].errors)
        self.assertFalse(AnnouncementPage.objects.exists())
