"""Employees read their trainings' and registrations' states in their own words: never an
editor's or a programmer's ("Terbit", "published", "pending_approval")."""

import datetime as dt

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from pelatihan.services import enrolment as enrolment_services
from pelatihan.services import sessions as session_services
from tests.pelatihan.factories import completed_session, login, make_participants, make_session, past_session

# An editor's words for a session's state, and the codes behind every status.
INTERNAL = ["Terbit", "Published", "Draf", "published", "draft", "pending_approval", "self_submitted", "not_completed",
            "self_evaluation", "supervisor_assessment", "finalised"]


def _visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    return soup.get_text(" ")


def test_no_page_an_employee_uses_shows_an_internal_status_word(client, city, employee_user, supervisor_user, hr_user):
    teacher = city.teacher
    confirmed = make_session()
    enrolment_services.enrolment_create(session=confirmed, employee=teacher)
    pending = make_session(approval_required=True)
    enrolment_services.enrolment_create(session=pending, employee=teacher)
    full = make_session(capacity=1)
    enrolment_services.enrolment_create(session=full, employee=make_participants(1)[0])
    enrolment_services.enrolment_create(session=full, employee=teacher)  # waiting list
    rejected = make_session(approval_required=True)
    enrolment_services.enrolment_reject(
        enrolment=enrolment_services.enrolment_create(session=rejected, employee=teacher).enrolment,
        actor=supervisor_user, reason="Bentrok dengan ujian")
    cancelled = make_session()
    session_services.session_cancel(session=cancelled, actor=hr_user)
    running = make_session(days=[(timezone.localdate(), dt.time(0), dt.time(23, 59))])
    ended = past_session(ndays=1)
    done, _e = completed_session(hr_user, teacher)
    login(client, employee_user)
    pages = [reverse("portal:dashboard"), reverse("pelatihan:session-list"), reverse("pelatihan:my-enrolments"),
             reverse("pelatihan:my-history"), reverse("penilaian:my-performance")]
    pages += [reverse("pelatihan:session-detail", args=[s.pk])
              for s in (confirmed, pending, full, rejected, cancelled, running, ended, done)]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _visible_text(response.content.decode())
        assert [w for w in INTERNAL if f" {w} " in f" {text} " or f" {w}." in text] == [], url
