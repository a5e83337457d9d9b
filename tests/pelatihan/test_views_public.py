"""Pages without a login: the live seat count and certificate verification."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pelatihan.documents.certificates import make_number
from penilaian.nip import mask_nip
from tests.pelatihan.factories import completed_session


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # look-ups are rate-limited per address; each test starts with none spent


def test_seats_fragment_is_public_and_live(client, session):
    response = client.get(reverse("pelatihan:session-seats", args=[session.pk]))
    assert response.status_code == 200 and 'data-seats-left="3"' in response.content.decode()
    assert client.post(reverse("pelatihan:session-seats", args=[session.pk])).status_code == 405


def test_certificate_verification_page(client, hr_user, city):
    _s, enrolment = completed_session(hr_user, city.teacher)
    number = enrolment.certificate.number
    response = client.get(reverse("pelatihan:certificate-verify", args=[number]))
    page = response.content.decode()
    assert response.status_code == 200 and "data-verdict" not in page
    # The holder's full name and a partly masked NIP: enough to match the person, never the
    # whole number, nor the unit.
    teacher = city.teacher
    assert teacher.full_name in page and mask_nip(teacher.nip) in page
    assert teacher.nip not in page and teacher.nip_display not in page and teacher.nip[6:14] not in page
    assert city.school.name not in page
    assert enrolment.session.programme.title in page and f"<dd>{enrolment.session.programme.jp}</dd>" in page
    tampered = number[:-1] + ("A" if number[-1] != "A" else "B")
    response = client.get(reverse("pelatihan:certificate-verify", args=[tampered]))
    assert response.status_code == 404 and response.context["verdict"] == "tampered"
    response = client.get(reverse("pelatihan:certificate-verify", args=["SBS-2020-999999-AAAAAAAA"]))
    assert response.status_code == 404

    unknown = make_number(year=2020, sequence=999999)
    assert client.get(reverse("pelatihan:certificate-verify", args=[unknown])).context["verdict"] == "unknown"
    assert client.post(reverse("pelatihan:certificate-verify", args=[number])).status_code == 405


def test_anyone_can_type_a_certificate_number(client, hr_user, city):
    _s, enrolment = completed_session(hr_user, city.teacher)
    number = enrolment.certificate.number
    lookup = reverse("pelatihan:certificate-lookup")
    page = client.get(lookup)
    assert page.status_code == 200 and 'name="nomor"' in page.content.decode()
    # Typed as people type: lower case, spaces.
    typed = " " + number.lower()[:9] + " " + number.lower()[9:] + " "
    response = client.get(lookup, {"nomor": typed})
    assert response.status_code == 302 and response["Location"] == reverse("pelatihan:certificate-verify", args=[number])
    response = client.get(lookup, {"nomor": "bukan nomor"})
    assert response.status_code == 404 and 'name="nomor"' in response.content.decode()
    assert client.post(lookup, {"nomor": number}).status_code == 405


def test_look_ups_are_rate_limited_per_address(client, hr_user, city):
    _s, enrolment = completed_session(hr_user, city.teacher)
    url = reverse("pelatihan:certificate-verify", args=[enrolment.certificate.number])
    statuses = [client.get(url).status_code for _ in range(25)]
    assert statuses[:20] == [200] * 20 and statuses[-1] == 429
    assert client.get(reverse("pelatihan:certificate-lookup"), {"nomor": "SBS-2026-000001-AAAAAAAA"}).status_code == 429
    # Another address is not held up.
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200

