"""Two app instances (gunicorn, production settings) on one PostgreSQL and one Redis, as behind
a round-robin proxy: a session made on one works on the other, and the failed-login limit counts
the attempts made on both. (The registration race across two instances is
``bench/registration_race.py --instances 2 --redis …``.)"""

from __future__ import annotations

import http.cookiejar
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
PASSWORD = "dua-instansi-2026"

sys.path.insert(0, str(ROOT / "bench"))
from _common import collect_static, free_port, production_env, start_gunicorn, stop, wait_for  # noqa: E402


def _redis_or_skip():
    import redis  # the client the portal's cache uses

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")


pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two instances need a shared PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    collect_static(production_env("sqlite://:memory:", STATIC_ROOT=str(root)))
    return root


@pytest.fixture
def instances(static_root):
    _redis_or_skip()
    db = connection.settings_dict
    env = production_env(f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
                         REDIS_URL=REDIS_URL, DB_CONN_MAX_AGE="0", STATIC_ROOT=str(static_root))
    ports = [free_port(), free_port()]
    procs = [start_gunicorn(port, env, workers=1, threads=2, worker_class="gthread") for port in ports]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, proc in zip(bases, procs, strict=True):
            wait_for(f"{base}/healthz/live/", proc)
        yield bases
    finally:
        for proc in procs:
            stop(proc)


def account(username: str):
    user = f.make_user(username)
    # The instances run production settings (PBKDF2), not the tests' fast hasher.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "saltsalt12345678", iterations=1000)
    user.save(update_fields=["password"])
    return user


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser behind the proxy: one cookie jar, one public address (the Host
    header the proxy passes on), whichever instance answers."""

    HOST = "localhost"

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, url) -> tuple[int, str, str]:
        request = urllib.request.Request(url, headers={"Host": self.HOST})  # noqa: S310 - our local server
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), exc.headers.get("Location", "")

    def sign_in(self, base, username, password) -> tuple[int, str]:
        _status, html, _loc = self.get(f"{base}/accounts/login/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, (_status, html[:500])
        token = match.group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": username, "password": password}).encode()
        request = urllib.request.Request(f"{base}/accounts/login/", data=data,  # noqa: S310 - our local server
                                         headers={"Referer": f"http://{self.HOST}/accounts/login/", "Host": self.HOST})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", "")


def test_a_session_made_on_one_instance_works_on_the_other(instances):
    one, other = instances
    account("berdua")
    browser = Browser()
    assert browser.sign_in(one, "berdua", PASSWORD) == (302, "/dasbor/")
    status, _html, location = browser.get(f"{other}/dasbor/")
    assert status == 200, location
    assert browser.get(f"{other}/accounts/login/")[0] in (200, 302)


def test_the_failed_login_limit_counts_attempts_on_both_instances(instances):
    one, other = instances
    account("sasaran")
    browser = Browser()
    for i in range(6):  # 3 on each: the limit is 5 per account in 5 minutes
        status, _location = browser.sign_in(instances[i % 2], "sasaran", "salah-sandi")
        assert status == 200  # the form again, with an error
    status, location = browser.sign_in(other, "sasaran", PASSWORD)
    assert (status, location) != (302, "/dasbor/")  # limited on both, so not signed in
    assert browser.get(f"{one}/dasbor/")[0] == 302
