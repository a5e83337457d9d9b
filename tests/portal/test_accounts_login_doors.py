"""One limit at every login door: 30 wrong passwords, then the right one must not sign in while
the account is limited; reset mails are capped; a NAT full of staff is not locked out."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests import factories as f

WRONG = "salah-sandi-123"


@pytest.fixture(autouse=True)
def _clean_limits():
    cache.clear()
    yield
    cache.clear()


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def post_login(client, door, login, password, **extra):
    data = {"login": login, "password": password, "username": login}
    return client.post(door, data, **extra)


@pytest.mark.parametrize("door", ["/admin/login/", "/_util/login/", "/django-admin/login/"])
def test_the_other_doors_lead_to_the_portal_sign_in_and_never_take_a_password(client, db, door):
    user = f.make_user("pintu", superuser=True)
    for _ in range(30):
        post_login(client, door, user.username, WRONG)
    response = post_login(client, door, user.username, f.PASSWORD)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert not signed_in(client)
    assert client.get(door).status_code == 302


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, db):
    user = f.make_user("sasaran")
    for _ in range(30):
        post_login(client, "/accounts/login/", user.username, WRONG)
    post_login(client, "/accounts/login/", user.username, f.PASSWORD)
    assert not signed_in(client)


def test_the_account_limit_holds_from_many_addresses(client, db):
    user = f.make_user("sasaran")
    for i in range(10):
        post_login(client, "/accounts/login/", user.username, WRONG, REMOTE_ADDR=f"10.0.0.{i}")
    post_login(client, "/accounts/login/", user.username, f.PASSWORD, REMOTE_ADDR="10.0.1.1")
    assert not signed_in(client)


def test_two_hundred_staff_behind_one_nat_address_all_sign_in(db):
    users = [f.make_user(f"staf{i}") for i in range(200)]
    for i, user in enumerate(users):
        client = Client()
        if i % 10 == 0:  # some mistype first
            post_login(client, "/accounts/login/", user.username, WRONG, REMOTE_ADDR="203.0.113.7")
        post_login(client, "/accounts/login/", user.username, f.PASSWORD, REMOTE_ADDR="203.0.113.7")
        assert signed_in(client), f"staff {i} was locked out"


def test_the_address_comes_from_the_trusted_proxy_not_from_the_client(client, db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    user = f.make_user("proxy")
    for i in range(3):  # the client forges a new address each time; nginx appends the real one
        post_login(client, "/accounts/login/", user.username, WRONG, HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 198.51.100.9")
    post_login(client, "/accounts/login/", user.username, f.PASSWORD, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.9")
    assert not signed_in(client)
    post_login(client, "/accounts/login/", user.username, f.PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert signed_in(client)


@pytest.mark.parametrize("door", ["/admin/password_reset/", "/accounts/password/reset/"])
def test_password_reset_mails_are_capped_per_account(client, db, door):
    user = f.make_user("lupa", email="lupa@uji.test")
    for _ in range(12):
        response = client.post(door, {"email": user.email}, follow=True)
        if response.redirect_chain and response.redirect_chain[0][0].startswith("/accounts/password/reset/"):
            client.post("/accounts/password/reset/", {"email": user.email})
    assert 1 <= len(mail.outbox) <= 3


def test_a_private_pages_shared_password_is_rate_limited(client, db):
    from wagtail.models import Page, PageViewRestriction  # Wagtail's page privacy

    page = Page.objects.filter(depth=2).first()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="rahasia")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    codes = [client.post(url, {"password": "tebak", "return_url": "/"}).status_code for _ in range(25)]
    assert codes[0] == 200 and codes[-1] == 429
