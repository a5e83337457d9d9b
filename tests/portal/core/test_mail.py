"""The one mail path: every sender → the outbox → the worker's delivery, retried with backoff."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.core import mail as outbox
from portal.core.models import OutboxMessage, OutboxStatus
from tests import factories as f

REFUSING = "tests.portal.core.backends.RefusingBackend"


def test_a_message_is_queued_then_delivered_and_its_body_forgotten(db, outbox_mail):
    send_mail("Halo", "Isi pesan", None, ["pegawai@uji.test"])
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.SENT and row.attempts == 1 and row.sent_at
    assert row.subject == "Halo" and row.recipients == "pegawai@uji.test"
    assert row.payload == {}  # reset and activation links do not outlive their delivery
    assert [m.subject for m in mail.outbox] == ["Halo"]


def test_attachments_and_alternatives_survive_the_queue():
    message = EmailMessage("Undangan", "Teks", "a@uji.test", ["b@uji.test"], cc=["c@uji.test"], reply_to=["d@uji.test"])
    message.attach("undangan.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; method=REQUEST")
    message.attach("foto.png", b"\x89PNG\r\n\x1a\n\x00\x01", "image/png")
    rebuilt = outbox.rebuild(outbox.serialise(message))
    assert (rebuilt.subject, rebuilt.body, rebuilt.to, rebuilt.cc, rebuilt.reply_to) == (
        "Undangan", "Teks", ["b@uji.test"], ["c@uji.test"], ["d@uji.test"])
    assert rebuilt.attachments[0][0] == "undangan.ics" and "VCALENDAR" in rebuilt.attachments[0][1]
    assert rebuilt.attachments[1][1] == b"\x89PNG\r\n\x1a\n\x00\x01"
    assert b'method="REQUEST"' in rebuilt.message().as_bytes()


def test_a_refused_delivery_is_retried_with_backoff_then_failed_with_the_error(db, outbox_mail, settings):
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    send_mail("Halo", "Isi", None, ["pegawai@uji.test"])
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.QUEUED and row.attempts == 1
    assert "Connection refused" in row.last_error
    assert dt.timedelta(seconds=55) < row.next_attempt_at - timezone.now() <= dt.timedelta(seconds=60)
    # Not due yet: a worker that picks it early leaves it alone.
    assert outbox.deliver.call(row.pk) == "skipped"
    for _attempt in range(outbox.MAX_ATTEMPTS - 1):
        OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        outbox.deliver.call(row.pk)
    row.refresh_from_db()
    assert row.status == OutboxStatus.FAILED and row.attempts == outbox.MAX_ATTEMPTS
    assert row.payload["subject"] == "Halo"  # kept for "send again"
    assert mail.outbox == []


def test_two_workers_never_send_one_message_twice(db, outbox_mail, database_tasks):
    send_mail("Halo", "Isi", None, ["pegawai@uji.test"])
    row = OutboxMessage.objects.get()
    assert outbox._claim(row.pk) is not None
    assert outbox._claim(row.pk) is None


def test_a_rolled_back_write_sends_nothing(db, outbox_mail, database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Halo", "Isi", None, ["pegawai@uji.test"])
        raise RuntimeError("the service failed after queueing its mail")
    assert not OutboxMessage.objects.exists() and not DBTaskResult.objects.exists()


def test_with_the_database_backend_the_request_only_queues(db, outbox_mail, database_tasks):
    send_mail("Halo", "Isi", None, ["pegawai@uji.test"])
    assert OutboxMessage.objects.get().status == OutboxStatus.QUEUED
    assert DBTaskResult.objects.get().task_path == "portal.core.mail.deliver"
    assert mail.outbox == []


def test_the_sweep_revives_a_message_a_dead_worker_left_sending(db, outbox_mail, database_tasks):
    send_mail("Halo", "Isi", None, ["pegawai@uji.test"])
    row = OutboxMessage.objects.get()
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now() - outbox.STALE_SENDING - dt.timedelta(seconds=1))
    assert outbox.sweep() == {"revived": 1, "requeued": 0}
    assert OutboxMessage.objects.get().status == OutboxStatus.QUEUED
    assert DBTaskResult.objects.count() == 2
    assert outbox.sweep() == {"revived": 0, "requeued": 0}  # idempotent


# --- BKPSDM's outbox page ---------------------------------------------------------------------


@pytest.fixture
def failed_message(db, outbox_mail, settings):
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    send_mail("Pendaftaran dikonfirmasi", "Isi", None, ["guru@uji.test"])
    OutboxMessage.objects.update(status=OutboxStatus.FAILED, attempts=outbox.MAX_ATTEMPTS)
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return OutboxMessage.objects.get()


def test_hr_sees_failed_mail_with_its_error_and_sends_it_again(client, hr_user, failed_message,
                                                               django_capture_on_commit_callbacks):
    client.force_login(hr_user)
    page = client.get("/sistem/kotak-keluar/?status=failed")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Pendaftaran dikonfirmasi" in html and "guru@uji.test" in html and "Connection refused" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sistem/kotak-keluar/{failed_message.pk}/kirim-ulang/")
    assert response.status_code == 302
    failed_message.refresh_from_db()
    assert failed_message.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [["guru@uji.test"]]


def test_the_outbox_is_for_hr_only(client, employee_user, failed_message):
    client.force_login(employee_user)
    assert client.get("/sistem/kotak-keluar/").status_code == 403
    assert client.post(f"/sistem/kotak-keluar/{failed_message.pk}/kirim-ulang/").status_code == 403
    assert client.get(f"/sistem/kotak-keluar/{failed_message.pk}/kirim-ulang/").status_code in (403, 405)


def test_an_anonymous_visitor_is_sent_to_sign_in(client, failed_message):
    assert client.get("/sistem/kotak-keluar/").status_code == 302


# --- Every sender takes this path --------------------------------------------------------------


def test_allauth_password_reset_goes_through_the_outbox(client, db, outbox_mail):
    user = f.make_user("lupa", email="lupa@uji.test")
    client.post("/accounts/password/reset/", {"email": user.email})
    row = OutboxMessage.objects.get()
    assert row.recipients == "lupa@uji.test" and row.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_account_activation_goes_through_the_outbox(client, city, outbox_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/aktivasi/", {"nip": city.teacher.nip, "email": city.teacher.email})
    assert OutboxMessage.objects.get().recipients == city.teacher.email
    assert len(mail.outbox) == 1


def test_wagtail_notifications_go_through_the_outbox(db, outbox_mail):
    from wagtail.admin.mail import send_mail as wagtail_send_mail  # the admin's own mail helper

    wagtail_send_mail("Halaman menunggu moderasi", "Isi", ["editor@uji.test"])
    assert OutboxMessage.objects.get().recipients == "editor@uji.test"


def test_training_notifications_are_built_in_the_background(city, outbox_mail, database_tasks,
                                                           django_capture_on_commit_callbacks):
    from pelatihan.services import enrolment as enrolment_services  # a training app's service
    from tests.pelatihan.factories import make_session  # the training app's factories

    session = make_session(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_services.enrolment_create(session=session, employee=city.teacher)
    # The request only queued the job that builds the message.
    queued = DBTaskResult.objects.exclude(task_path__startswith="wagtail.")
    assert list(queued.values_list("task_path", flat=True)) == ["pelatihan.services.notifications.send_task"]
    assert not OutboxMessage.objects.exists()
