"""Sending to SIASN through the outbox and the background task, against the local fake: the happy
path, the look-up kept on the employee, retries with backoff on 5xx and timeouts, a refusal
stopped with SIASN's message, never a second create, holds, and the audit trail."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from pelatihan.exceptions import SiasnError
from pelatihan.models import SendStatus, SiasnKindCode, SiasnPerson, SiasnSend
from pelatihan.services import siasn as siasn_services
from tests.pelatihan.siasn_factories import siasn_ready, verified_record

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English messages


@pytest.fixture
def ready(siasn_on, city, hr_user):
    siasn_ready()
    siasn_on.add_person(city.teacher.nip, city.teacher.name)
    return siasn_on


def queue(capture, **kw):
    with capture(execute=True):
        return siasn_services.queue(year=kw.pop("year", 2025), **kw)


def actions(record_):
    return list(ModelLogEntry.objects.for_instance(record_).filter(action__startswith="pelatihan.siasn.")
                .order_by("pk").values_list("action", flat=True))


def test_a_verified_record_is_sent_once_and_its_siasn_id_kept(ready, city, hr_user, django_capture_on_commit_callbacks):
    record_ = verified_record(city.teacher, hr_user)
    result = queue(django_capture_on_commit_callbacks, actor=hr_user)
    assert (result.queued, result.held) == (1, 0)
    send = SiasnSend.objects.get(record=record_)
    (save,) = ready.saves()
    assert send.status == SendStatus.SENT and send.rw_kursus_id == save.answer["mapData"]["rwKursusId"]
    assert send.payload == save.json and send.attempts == 1 and send.sent_at
    assert save.json["pnsOrangId"] == ready.people[city.teacher.nip]["id"]
    assert SiasnPerson.objects.get(employee=city.teacher).pns_orang_id == save.json["pnsOrangId"]
    assert actions(record_) == ["pelatihan.siasn.send"]
    # queueing again sends nothing: SIASN has it as it is
    again = queue(django_capture_on_commit_callbacks, actor=hr_user)
    assert (again.queued, again.sent) == (0, 1) and len(ready.saves()) == 1


def test_the_employee_is_looked_up_once(ready, city, hr_user, django_capture_on_commit_callbacks):
    verified_record(city.teacher, hr_user)
    verified_record(city.teacher, hr_user, title="Seminar Kurikulum", route="seminar", certificate_number="S/2")
    queue(django_capture_on_commit_callbacks)
    assert len(ready.saves()) == 2 and len(ready.requests("data-utama")) == 1


def test_a_changed_record_updates_siasns_record_instead_of_creating_another(
        ready, city, hr_user, django_capture_on_commit_callbacks):
    record_ = verified_record(city.teacher, hr_user)
    queue(django_capture_on_commit_callbacks)
    rw_id = SiasnSend.objects.get(record=record_).rw_kursus_id
    record_.jp, record_.title = 32, "Bimtek Literasi Digital Lanjutan"
    record_.save()
    result = queue(django_capture_on_commit_callbacks)
    assert result.queued == 1
    first, second = ready.saves()
    assert first.json["id"] is None and second.json["id"] == rw_id and second.json["jumlahJam"] == 32
    assert list(ready.courses) == [rw_id] and ready.courses[rw_id]["namaKursus"] == "Bimtek Literasi Digital Lanjutan"
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.SENT and send.rw_kursus_id == rw_id
    log = ModelLogEntry.objects.for_instance(record_).filter(action="pelatihan.siasn.send").order_by("pk")
    assert [e.data["action"] for e in log] == ["create", "update"]


def test_a_server_error_is_retried_with_backoff_until_it_goes_through(
        ready, city, hr_user, django_capture_on_commit_callbacks):
    record_ = verified_record(city.teacher, hr_user)
    ready.fail_next("kursus/save", 503, times=2)
    start = timezone.now()
    queue(django_capture_on_commit_callbacks)
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.PENDING and send.attempts == 1 and "HTTP 503" in send.message
    assert dt.timedelta(seconds=55) < send.next_attempt_at - start < dt.timedelta(seconds=65)
    assert siasn_services.send_due(now=start + dt.timedelta(seconds=30)) == 0  # not yet
    later = send.next_attempt_at + dt.timedelta(seconds=1)
    assert siasn_services.send_due(now=later) == 1
    send.refresh_from_db()
    assert send.attempts == 2 and send.next_attempt_at - later == dt.timedelta(seconds=240)
    siasn_services.send_due(now=send.next_attempt_at)
    send.refresh_from_db()
    assert send.status == SendStatus.SENT and send.attempts == 3
    assert [e.status for e in ready.saves(status=None)] == [503, 503, 200] and len(ready.courses) == 1
    assert actions(record_) == ["pelatihan.siasn.retry", "pelatihan.siasn.retry", "pelatihan.siasn.send"]


def test_a_timeout_is_retried_and_gives_up_after_the_last_attempt(
        ready, city, hr_user, settings, django_capture_on_commit_callbacks):
    settings.SIASN = ready.settings(timeout=1.0) | {"MAX_ATTEMPTS": 2}
    record_ = verified_record(city.teacher, hr_user)
    ready.delay_next("kursus/save", 2.0, times=2)
    queue(django_capture_on_commit_callbacks)
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.PENDING and "timeout" in send.message
    siasn_services.send_due(now=send.next_attempt_at)
    send.refresh_from_db()
    assert send.status == SendStatus.FAILED and send.message.startswith("Gave up after 2 attempts: timeout")
    assert ready.courses == {}


def test_a_refused_record_fails_with_siasns_message_and_can_be_sent_again(
        ready, city, hr_user, django_capture_on_commit_callbacks):
    record_ = verified_record(city.teacher, hr_user)
    ready.fail_next("kursus/save", 400, {"success": False, "message": "Nomor sertifikat sudah digunakan"})
    queue(django_capture_on_commit_callbacks)
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.FAILED and send.message == "HTTP 400: Nomor sertifikat sudah digunakan"
    assert send.attempts == 1 and send.next_attempt_at is None
    assert siasn_services.send_due(now=timezone.now() + dt.timedelta(days=1)) == 0  # a 4xx is not retried
    assert queue(django_capture_on_commit_callbacks).failed == 1  # nor queued again by itself
    with django_capture_on_commit_callbacks(execute=True):
        siasn_services.resend(send=send, actor=hr_user)
    send.refresh_from_db()
    assert send.status == SendStatus.SENT
    assert actions(record_) == ["pelatihan.siasn.fail", "pelatihan.siasn.resend", "pelatihan.siasn.send"]
    with pytest.raises(SiasnError):
        siasn_services.resend(send=send, actor=hr_user)


def test_an_unknown_nip_fails_with_the_reason(ready, city, hr_user, django_capture_on_commit_callbacks):
    record_ = verified_record(city.nurse, hr_user)
    queue(django_capture_on_commit_callbacks)
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.FAILED and "not found in SIASN" in send.message and not ready.saves(None)


def test_a_record_of_an_unconfirmed_kind_is_held_and_never_sent(ready, city, hr_user, django_capture_on_commit_callbacks):
    SiasnKindCode.objects.filter(route="seminar").update(confirmed=False)
    record_ = verified_record(city.teacher, hr_user, route="seminar")
    result = queue(django_capture_on_commit_callbacks)
    assert (result.queued, result.held) == (0, 1)
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.HELD and "not confirmed" in send.message
    assert ready.saves(None) == []
    SiasnKindCode.objects.filter(route="seminar").update(confirmed=True)
    assert queue(django_capture_on_commit_callbacks).queued == 1
    send.refresh_from_db()
    assert send.status == SendStatus.SENT


def test_a_code_removed_after_queueing_holds_the_send(ready, city, hr_user):
    record_ = verified_record(city.teacher, hr_user)
    siasn_services.queue(year=2025)  # queued; in the test's transaction the task never runs
    SiasnKindCode.objects.filter(route="workshop").delete()
    send = SiasnSend.objects.get(record=record_)
    assert siasn_services.send_one(send_id=send.pk) == "held"
    send.refresh_from_db()
    assert send.status == SendStatus.HELD and "No SIASN code" in send.message and ready.saves(None) == []


def test_a_send_leased_by_one_worker_is_skipped_by_another(ready, city, hr_user):
    record_ = verified_record(city.teacher, hr_user)
    siasn_services.queue(year=2025)  # the task does not run: the test's transaction never commits
    send = SiasnSend.objects.get(record=record_)
    claimed, _plan = siasn_services._claim(send.pk, timezone.now())
    assert claimed is not None
    assert siasn_services.send_one(send_id=send.pk) == "not_due"
    assert ready.saves(None) == []


def test_sending_is_off_until_configured(db, city, hr_user, settings):
    settings.SIASN = {}
    verified_record(city.teacher, hr_user)
    with pytest.raises(SiasnError) as error:
        siasn_services.queue(year=2025)
    assert error.value.code == "off"


def test_an_answer_lost_after_siasn_stored_the_record_does_not_make_a_second_one(
        ready, city, hr_user, settings, django_capture_on_commit_callbacks):
    settings.SIASN = ready.settings(timeout=1.0)
    record_ = verified_record(city.teacher, hr_user)
    ready.delay_next("kursus/save", 2.0, stored=True)  # stored in SIASN, the answer comes too late
    queue(django_capture_on_commit_callbacks)
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.PENDING and "timeout" in send.message
    ready.wait_for(lambda: ready.courses)  # SIASN finishes storing after the portal gave up
    (stored_id,) = ready.courses
    siasn_services.send_due(now=send.next_attempt_at)
    send.refresh_from_db()
    assert send.status == SendStatus.SENT and send.rw_kursus_id == stored_id
    assert list(ready.courses) == [stored_id] and ready.saves()[-1].json["id"] == stored_id
    log = ModelLogEntry.objects.for_instance(record_).get(action="pelatihan.siasn.send")
    assert log.data["action"] == "adopt"


def test_a_record_typed_into_siasn_by_hand_is_updated_not_duplicated(
        ready, city, hr_user, django_capture_on_commit_callbacks):
    person_id = ready.people[city.teacher.nip]["id"]
    typed = ready.add_course(person_id, namaKursus="BIMTEK LITERASI DIGITAL", tanggalKursus="04-08-2025",
                             tanggalSelesaiKursus="06-08-2025", nomorSertipikat="", jumlahJam=20)
    other = ready.add_course(person_id, namaKursus="Diklat PIM IV", tanggalKursus="01-03-2019",
                             tanggalSelesaiKursus="30-04-2019", nomorSertipikat="PIM/2019")
    record_ = verified_record(city.teacher, hr_user)
    queue(django_capture_on_commit_callbacks)
    send = SiasnSend.objects.get(record=record_)
    assert send.rw_kursus_id == typed and set(ready.courses) == {typed, other}
    assert ready.courses[typed]["jumlahJam"] == 24 and ready.courses[typed]["nomorSertipikat"] == "800/BPSDM/2025/0917"


def test_a_history_siasn_will_not_show_does_not_stop_the_send(ready, city, hr_user, django_capture_on_commit_callbacks):
    record_ = verified_record(city.teacher, hr_user)
    ready.fail_next("rw-kursus", 403, {"code": 0, "message": "akses ditolak"})
    queue(django_capture_on_commit_callbacks)
    assert SiasnSend.objects.get(record=record_).status == SendStatus.SENT and len(ready.courses) == 1
