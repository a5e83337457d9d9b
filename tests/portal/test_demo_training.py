"""The demo city has programmes, sessions, certificates and workshop pages (seed_demo, 400 employees)."""

from django.utils import timezone

from home.models import WorkshopPage
from pelatihan.models import Certificate, Enrolment, Programme, Session
from penilaian.models import Employee

from .conftest import seed


def test_the_demo_has_programmes_sessions_certificates_and_pages(seeded):
    assert Programme.objects.count() >= 12
    assert all(p.indicators.exists() for p in Programme.objects.all())
    assert Session.objects.filter(status="finished").count() >= 12
    assert Certificate.objects.count() > 50
    assert Enrolment.objects.filter(status="waiting").exists()
    assert Enrolment.objects.filter(status="pending_approval", employee__supervisor__email="atasan@portal.test").exists()
    # Every open session has its workshop page (the one that ended yesterday waits to be finished).
    open_sessions = Session.objects.filter(status="published", days__date__gte=timezone.localdate()).distinct()
    assert open_sessions.count() >= 14
    assert WorkshopPage.objects.filter(session__in=open_sessions).count() == open_sessions.count()
    assert Session.objects.filter(trainers__email="fasilitator@portal.test").exists()
    teacher = Employee.objects.get(email="pegawai@portal.test")
    assert teacher.enrolments.filter(status="completed").count() >= 2
    assert teacher.enrolments.filter(status="confirmed").exists()


def test_a_second_run_creates_no_training_data(seeded):
    counts = (Programme.objects.count(), Session.objects.count(), Enrolment.objects.count(), WorkshopPage.objects.count())
    seed()
    assert (Programme.objects.count(), Session.objects.count(), Enrolment.objects.count(),
            WorkshopPage.objects.count()) == counts

def test_the_certificates_are_signed_by_the_head_of_bkpsdm_with_logo_and_signature(seeded):
    from home.models import SiteSettings
    from home.selectors import certificate_issuer
    from penilaian.nip import parse

    settings = SiteSettings.objects.get()
    head = Employee.objects.get(nip=settings.certificate_signatory_nip)
    assert head.unit.code == "bkpsdm" and head.full_name == settings.certificate_signatory_name
    parse(settings.certificate_signatory_nip)
    issuer = certificate_issuer()
    assert issuer.signatory_name == head.full_name and issuer.logo.startswith(b"\x89PNG")
    assert issuer.signature.startswith(b"\x89PNG")
