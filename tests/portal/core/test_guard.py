"""No 500 on malformed input: every URL pattern of the project, each placeholder filled with a
NUL byte, an overlong string, non-ASCII text, a huge and a negative number, fetched (and posted
to) as each role; plus the parameters pages read. Every answer is below 500."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

VALUES = ["%00", "x" * 3000, "%C3%A9t%C3%A9-%E2%9C%93-%D8%A7", "99999999999999999999", "-1"]
QUERY = "?q=%00&page=%00&period=%00&status=%00&next=%00&year=99999999999999999999&unit=-1"
ROUTE_PLACEHOLDER = re.compile(r"<(?:[^>:]+:)?[^>]+>")
REGEX_GROUP = re.compile(r"\((?:\?P<\w+>)?(?:[^()]|\([^()]*\))*\)")


def _regex_route(regex: str) -> str:
    route = regex.lstrip("^").rstrip("$").replace(r"\Z", "")
    route = REGEX_GROUP.sub("{}", route)
    route = re.sub(r"\\(.)", r"\1", route)
    return route.replace("?", "")


def _route(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return ROUTE_PLACEHOLDER.sub("{}", str(pattern._route))
    if isinstance(pattern, RegexPattern):
        return _regex_route(pattern._regex)
    return str(pattern)  # LocalePrefixPattern and others: taken literally


def routes(resolver=None, prefix="") -> list[str]:
    """Every leaf of the URL tree as a template with ``{}`` for each placeholder."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        here = prefix + _route(entry.pattern)
        if isinstance(entry, URLResolver):
            found.extend(routes(entry, here))
        elif isinstance(entry, URLPattern):
            found.append(here)
    return sorted(set(found))


# Wagtail's deliberate 500, to test the error page (superusers and editors only).
ON_PURPOSE = {"admin/failwhale/"}
ROUTES = [route for route in routes() if route not in ON_PURPOSE]


def urls() -> list[str]:
    out = set()
    for route in ROUTES:
        holes = route.count("{}")
        if holes == 0:
            out.add("/" + route)
            out.add("/" + route + QUERY)
            continue
        for value in VALUES:
            out.add("/" + route.format(*([value] * holes)))
    return sorted(out)


URLS = urls()


def test_the_walk_covers_the_whole_project():
    for must in ("kinerja/pegawai/{}/", "pelatihan/kalender/{}.ics", "cari/", "admin/pages/{}/edit/",
                 "django-admin/", "accounts/login/", "documents/{}/{}"):
        assert must in ROUTES, must
    assert len(ROUTES) > 300


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {}
    cache.clear()


def walk(client: Client, *, post: bool = False) -> list[str]:
    client.raise_request_exception = False
    errors = []
    for url in URLS:
        response = client.post(url, {"x": "\x00", "q": "\x00"}) if post else client.get(url)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {'POST' if post else 'GET'} {url[:120]}")
    return errors


@pytest.mark.parametrize("role", ["anonymous", "employee", "supervisor", "trainer", "hr"])
def test_no_url_answers_500_to_malformed_input(role, request, city):
    client = Client()
    if role != "anonymous":
        user = request.getfixturevalue({"employee": "employee_user", "supervisor": "supervisor_user",
                                        "trainer": "trainer_user", "hr": "hr_user"}[role])
        client.force_login(user)
    errors = walk(client)
    assert not errors, "\n".join(errors)


def test_no_form_answers_500_to_a_nul_byte(city, hr_user):
    client = Client()
    client.force_login(hr_user)
    errors = walk(client, post=True)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("url", ["/cari/?q=%00", "/pelatihan/kalender/%00.ics", "/kinerja/pegawai/%00/"])
def test_the_measured_nul_urls_are_a_clear_400(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode() or "Bad request" in response.content.decode()


def test_a_huge_id_is_not_found(client, hr_user):
    client.force_login(hr_user)
    assert client.get("/kinerja/pegawai/99999999999999999999/").status_code == 404


def test_a_nul_in_the_session_cookie_is_refused_not_looked_up(client, db):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 400
