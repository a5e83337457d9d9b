"""The signed-in pages an employee opens every day cost at most 12 queries, however big the city
(the demo city here; the page cache and the cached fragments warm after the first visit)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pelatihan.models import Session

MAX_QUERIES = 12


@pytest.fixture
def employee_client(client, seeded):
    cache.clear()
    client.force_login(get_user_model().objects.get(email="pegawai@portal.test"))
    return client


def test_the_employees_daily_pages_cost_at_most_12_queries(employee_client):
    session = Session.objects.filter(status="published").order_by("pk").first()
    pages = {
        "home (signed in)": "/",
        "Kinerja Saya": "/kinerja/saya/",
        "session list": "/pelatihan/",
        "session detail": f"/pelatihan/sesi/{session.pk}/",
        "development history": "/pelatihan/riwayat/",
        "dashboard": "/dasbor/",
    }
    counts = {}
    for name, url in pages.items():
        employee_client.get(url)  # warms the cache as the first visitor of the day does
        with CaptureQueriesContext(connection) as queries:
            response = employee_client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    assert all(n <= MAX_QUERIES for n in counts.values()), counts


def test_the_pinned_dashboard_has_gaps_and_recommendations(employee_client):
    """The dashboard pinned above is the full one: gaps and matching sessions are on it."""
    response = employee_client.get("/dasbor/")
    assert response.context["my_gaps"]
    assert response.context["recommendations"]["matches"]
