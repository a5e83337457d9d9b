"""Every link that leaves the browser starts with ``settings.PUBLIC_URL`` — never the host the
request came in on: e-mails (activation, password reset, registrations, invitations), calendar
files and the private feed, the check-in QR and the certificate's verification link."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from pelatihan.documents.links import verification_url
from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import login, make_session

PUBLIC = "https://kinerja.example.go.id"
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def public(settings):
    settings.PUBLIC_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    return PUBLIC


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


def test_no_code_builds_a_link_from_the_request_or_its_own_base():
    offenders = []
    for app in ("portal", "penilaian", "pelatihan", "home"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.parts[-2:] == ("core", "links.py") or "settings" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if "build_absolute_uri" in text or "WAGTAILADMIN_BASE_URL" in text or "127.0.0.1" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_activation_mail_links_to_the_public_address(client, city, public, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_activation"), {"nip": city.teacher.nip, "email": city.teacher.email},
                    HTTP_HOST="127.0.0.1")
    (link,) = _links(mail.outbox[-1].body)
    assert link.startswith(PUBLIC + "/accounts/aktivasi/")


def test_password_reset_mail_links_to_the_public_address(client, employee_user, public):
    client.post(reverse("account_reset_password"), {"email": employee_user.email}, HTTP_HOST="127.0.0.1")
    body = mail.outbox[-1].body
    assert any(link.startswith(PUBLIC + "/accounts/password/reset/key/") for link in _links(body)), body
    assert "127.0.0.1" not in body and "testserver" not in body


def test_registration_mail_and_its_invitation_link_to_the_public_address(city, public, django_capture_on_commit_callbacks):
    session = make_session()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(session=session, employee=city.teacher)
    message = mail.outbox[-1]
    assert _links(message.body) and all(link.startswith(PUBLIC + "/") for link in _links(message.body))
    (attachment,) = message.attachments
    events = Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert events and all(str(e["url"]) == f"{PUBLIC}/pelatihan/sesi/{session.pk}/" for e in events)


def test_the_check_in_qr_and_the_feed_link_use_the_public_address(client, city, trainer_user, employee_user, public):
    today = timezone.localdate()
    session = make_session(trainers=[trainer_user], days=[(today, dt.time(0), dt.time(23, 59))])
    enrolment_create(session=session, employee=city.teacher, by_hr=True)
    login(client, trainer_user)
    fragment = client.get(reverse("pelatihan:checkin-code", args=[session.pk, session.days.last().pk])).content.decode()
    assert re.search(r'data-url="([^"]+)"', fragment).group(1).startswith(f"{PUBLIC}/pelatihan/sesi/{session.pk}/hadir/")
    login(client, employee_user)
    client.post(reverse("pelatihan:calendar-feed-create"))
    page = client.get(reverse("pelatihan:my-enrolments")).content.decode()
    assert re.search(re.escape(PUBLIC) + r"/pelatihan/kalender/[\w-]+\.ics", page)


def test_the_certificate_verification_link_uses_the_public_address(public):
    assert verification_url("STTPP-2026-000001-X") == f"{PUBLIC}/pelatihan/sertifikat/STTPP-2026-000001-X/"
