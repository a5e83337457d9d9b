"""Anonymous visitors' CMS pages come from the shared cache; publishing empties it; nobody signed
in is ever served from it or stored in it."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction

from home.models import AnnouncementIndexPage, HomePage


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, db):
    first = client.get("/")
    second = client.get("/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert "csrfmiddlewaretoken" not in second.content.decode()
    assert "Content-Security-Policy" in second and second["X-Request-ID"] != first["X-Request-ID"]


def test_the_language_choice_has_its_own_copy(client, db):
    client.get("/")
    client.cookies["django_language"] = "en"
    english = client.get("/")
    assert english["X-Page-Cache"] == "miss" and english["Content-Language"] == "en"


def test_publishing_empties_the_cache(client, db):
    client.get("/")
    home = HomePage.objects.get()
    home.title = "Beranda baru"
    home.save_revision().publish()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_signed_in_user_is_never_served_from_nor_stored_in_the_cache(client, employee_user):
    client.get("/")  # an anonymous copy exists
    client.force_login(employee_user)
    mine = client.get("/")
    assert "X-Page-Cache" not in mine
    assert employee_user.username in mine.content.decode() or "Keluar" in mine.content.decode()
    client.logout()
    anonymous = client.get("/")
    assert anonymous.get("X-Page-Cache") in ("hit", "miss")
    assert "Keluar" not in anonymous.content.decode()


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(client, db):
    client.get("/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/")


def test_a_page_behind_a_password_form_is_never_stored(client, db):
    home = HomePage.objects.get()
    news = home.add_child(instance=AnnouncementIndexPage(title="Rahasia", slug="rahasia"))
    news.save_revision().publish()
    PageViewRestriction.objects.create(page=Page.objects.get(pk=news.pk), restriction_type="password", password="x")
    for _ in range(2):
        response = client.get("/rahasia/")
        assert response.status_code == 200 and response.get("X-Page-Cache") != "hit"
