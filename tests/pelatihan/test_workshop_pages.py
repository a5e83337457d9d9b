"""Workshop pages in home/workshop_pages.py: an editor creates one by choosing a session; the page
reads the session through pelatihan selectors and posts registration to a pelatihan view."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from home.models import HomePage, WorkshopIndexPage, WorkshopPage
from pelatihan.services.enrolment import enrolment_create
from pelatihan.services.sessions import session_cancel
from penilaian.catalogue import catalogue_ensure
from penilaian.models import Indicator
from tests.pelatihan.factories import make_participants, make_programme, make_session


@pytest.fixture
def index(db):
    home = HomePage.objects.first() or Site.objects.get(is_default_site=True).root_page.specific
    parent = home if isinstance(home, Page) else Page.objects.get(depth=2)
    idx = WorkshopIndexPage(title="Workshop", slug="workshop")
    parent.add_child(instance=idx)
    return idx


def add_page(index, session, title="Workshop Literasi Digital"):
    page = WorkshopPage(
        title=title, slug=f"ws-{session.pk}", session=session, intro="Ringkasan",
        body=[("agenda", [{"time": "08.00", "title": "Pembukaan", "description": ""}]),
              ("speakers", [{"name": "Dr. Fulan", "role": "Widyaiswara", "bio": ""}])],
    )
    index.add_child(instance=page)
    return page


def test_editors_can_create_a_workshop_page_under_the_index(db):
    assert WorkshopPage.can_create_at(WorkshopIndexPage())
    assert not WorkshopPage.can_create_at(HomePage())
    assert "home.WorkshopPage" in [f"{m._meta.app_label}.{m.__name__}" for m in WorkshopIndexPage.allowed_subpage_models()]


def test_the_workshop_page_shows_seats_and_posts_to_pelatihan(client, index, employee_user):
    session = make_session(capacity=2)
    page = add_page(index, session)
    client.force_login(employee_user)
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-seats-left="2"' in html and "Pembukaan" in html and "Dr. Fulan" in html
    assert f'action="{reverse("pelatihan:session-register", args=[session.pk])}"' in html
    client.post(reverse("pelatihan:session-register", args=[session.pk]), {"next": page.url})
    html = client.get(page.url).content.decode()
    assert 'data-seats-left="1"' in html


def test_the_index_filters_by_indicator_month_route_and_seats(client, index, django_assert_max_num_queries):
    catalogue_ensure()
    digital = make_programme(route="workshop", indicators=[Indicator.objects.get(code="kt-literasi-digital")])
    pedagogy = make_programme(route="bimtek", indicators=[Indicator.objects.get(code="kt-pedagogik")])
    s1 = make_session(programme=digital, start_in_days=40, capacity=1)
    s2 = make_session(programme=pedagogy, start_in_days=80)
    p1, p2 = add_page(index, s1, "Satu"), add_page(index, s2, "Dua")
    enrolment_create(session=s1, employee=make_participants(1)[0])  # s1 is now full

    def titles(**params):
        html = client.get(index.url, params).content.decode()
        return {t for t in ("Satu", "Dua") if f">{t}</a>" in html}

    with django_assert_max_num_queries(15):
        assert titles() == {"Satu", "Dua"}
    assert titles(indikator="kt-pedagogik") == {"Dua"}
    assert titles(jalur="workshop") == {"Satu"}
    month = s2.start_date.strftime("%Y-%m")
    if s1.start_date.strftime("%Y-%m") != month:
        assert titles(bulan=month) == {"Dua"}
    assert titles(tersedia="1") == {"Dua"}
    assert p1.live and p2.live


def test_a_cancelled_session_leaves_the_index(client, index, hr_user):
    s = make_session(start_in_days=5)
    add_page(index, s, "Batal")
    session_cancel(session=s, actor=hr_user)
    assert ">Batal</a>" not in client.get(index.url).content.decode()
