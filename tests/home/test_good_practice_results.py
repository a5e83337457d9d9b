"""A good-practice page about a training programme shows the programme's figures from the
training reports (the same selector as the report page), and the two pages link to each other:
the report names the story through a hook of the content app (training never imports it), the
story links to the report for BKPSDM only."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.html import strip_tags

from home.models import GoodPracticePage
from pelatihan.selectors import reports
from tests.pelatihan.evaluation_factories import programme_with_all_levels

from .conftest import text

LIVE = json.dumps([{"type": "text", "value": "<p>Kisahnya.</p>"}, {"type": "live_results", "value": {"title": "Hasilnya"}}])


@pytest.fixture
def programme(db):
    return programme_with_all_levels()


def _story(practices, city, programme, *, body=LIVE, publish=True):
    page = GoodPracticePage(title="Guru melek digital", summary="Kisah.", body=body, programme=programme)
    practices.add_child(instance=page)
    page.units.set([city.disdik])
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_the_page_shows_the_reports_figures_where_the_block_stands(client, practices, city, programme):
    page = _story(practices, city, programme)
    html = client.get(page.url).content.decode()
    row = reports.programme_summary(programme.pk)
    assert row["completed"] == 5 and row["l4"][0].result.value == pytest.approx(2)
    assert html.count('class="live-results"') == 1
    assert html.index("Kisahnya") < html.index("Hasilnya")
    assert "<strong class=\"result-after\">5</strong> dari 5 peserta (100%)" in html
    words = " ".join(strip_tags(html).split())
    assert "Peserta: 2,00 → 4,00 (n=5)" in words and "2,00 → 2,00 (n=5)" in words  # trained, comparison
    assert '<strong class="result-did">2,00</strong>' in html
    assert reverse("pelatihan:report-programme", args=[programme.pk]) not in html  # HR's report: not for the public


def test_without_the_block_the_figures_follow_the_story(client, practices, city, programme):
    page = _story(practices, city, programme, body=text("<p>Kisahnya.</p>"))
    html = client.get(page.url).content.decode()
    assert html.count('class="live-results"') == 1 and html.index("Kisahnya") < html.index("live-results")


def test_a_page_without_a_programme_shows_no_figures(client, practices, city, programme):
    page = _story(practices, city, None)
    assert 'class="live-results"' not in client.get(page.url).content.decode()


def test_the_report_and_the_story_link_to_each_other_for_bkpsdm(client, practices, city, programme, hr_user):
    page = _story(practices, city, programme)
    draft = _story(practices, city, programme, publish=False)
    GoodPracticePage.objects.filter(pk=draft.pk).update(title="Draf", live=False)
    report_url = reverse("pelatihan:report-programme", args=[programme.pk])
    client.force_login(hr_user)
    report = client.get(report_url).content.decode()
    assert f'href="{page.url}"' in report and "Draf" not in report  # only live pages
    assert f'href="{report_url}"' in client.get(page.url).content.decode()
    assert reports.programme_pages(programme, user=AnonymousUser()) == [(page.title, page.url)]
