"""``manage.py siasn_send``: the dry run writes the exact JSON, one file per batch, compared with a
fixture written by hand from the field list BKPSDM was given; held records go to stderr with
their reason; without --dry-run the year is queued; --retry-due sends what is due."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from pelatihan.models import SendStatus, SiasnKindCode, SiasnPerson, SiasnSend
from tests.pelatihan.siasn_factories import siasn_ready, verified_record

pytestmark = pytest.mark.usefixtures("english")  # the assertions read English messages

FIXTURE = Path(__file__).parent / "fixtures" / "siasn_dry_run.json"
PERSON_ID = "A8ACA7A4ECE03912E040640A040269BB"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("siasn_send", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def known(employee, person_id=PERSON_ID):
    SiasnPerson.objects.create(employee=employee, pns_orang_id=person_id, looked_up_at=timezone.now())


def test_the_dry_run_file_is_exactly_the_record_from_the_field_list(db, city, hr_user, tmp_path, settings):
    settings.SIASN = {}  # sending off: nothing is looked up, nothing is sent
    siasn_ready()
    known(city.teacher)
    verified_record(city.teacher, hr_user)
    SiasnKindCode.objects.filter(route="seminar").update(confirmed=False)
    verified_record(city.teacher, hr_user, title="Seminar Kurikulum Merdeka", route="seminar", certificate_number="S/1")
    verified_record(city.nurse, hr_user, title="Pelatihan PPGD", route="pelatihan", certificate_number="P/7")
    out, err = run("--year", "2025", "--dry-run", str(tmp_path))
    (written,) = sorted(tmp_path.iterdir())
    assert written.name == "siasn-kursus-2025-001.json"
    assert written.read_text(encoding="utf-8") == FIXTURE.read_text(encoding="utf-8")
    assert list(json.loads(written.read_text())[0]) == list(json.loads(FIXTURE.read_text())[0])  # field order too
    held = err.strip().splitlines()
    assert len(held) == 2
    assert held[0].startswith(f"held\t{city.nurse.nip}\t") and "SIASN id is not known" in held[0]
    assert "Seminar Kurikulum Merdeka" in held[1] and "not confirmed" in held[1]
    assert "records=1 files=1 held=2" in out
    assert not SiasnSend.objects.exists()  # a dry run leaves no trace in the outbox


def test_the_dry_run_writes_one_file_per_batch_and_looks_employees_up(
        city, hr_user, tmp_path, siasn_on):
    siasn_ready()
    for nip, name in ((city.teacher.nip, city.teacher.name), (city.nurse.nip, city.nurse.name)):
        siasn_on.add_person(nip, name)
    verified_record(city.teacher, hr_user)
    verified_record(city.teacher, hr_user, title="Seminar", route="seminar", certificate_number="S/2")
    verified_record(city.nurse, hr_user, title="Kursus", route="kursus", certificate_number="K/3")
    out, _err = run("--year", "2025", "--dry-run", str(tmp_path / "batches"), "--batch-size", "2")
    files = sorted((tmp_path / "batches").iterdir())
    assert [f.name for f in files] == ["siasn-kursus-2025-001.json", "siasn-kursus-2025-002.json"]
    batches = [json.loads(f.read_text()) for f in files]
    assert [len(b) for b in batches] == [2, 1]
    assert {r["pnsOrangId"] for b in batches for r in b} == {p["id"] for p in siasn_on.people.values()}
    assert siasn_on.saves(None) == [] and SiasnPerson.objects.count() == 2  # looked up and kept, nothing sent


def test_without_dry_run_the_year_is_queued_and_sent(city, hr_user, siasn_on, django_capture_on_commit_callbacks):
    siasn_ready()
    siasn_on.add_person(city.teacher.nip, city.teacher.name)
    verified_record(city.teacher, hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run("--year", "2025")
    assert out.strip() == "queued=1 held=0 sent=0 failed=0"
    assert SiasnSend.objects.get().status == SendStatus.SENT


def test_retry_due_sends_what_is_due(city, hr_user, siasn_on, django_capture_on_commit_callbacks):
    siasn_ready()
    siasn_on.add_person(city.teacher.nip, city.teacher.name)
    record_ = verified_record(city.teacher, hr_user)
    siasn_on.fail_next("kursus/save", 502)
    with django_capture_on_commit_callbacks(execute=True):
        run("--year", "2025")
    SiasnSend.objects.filter(record=record_).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    out, _err = run("--retry-due")
    assert out.strip() == "Sends attempted: 1"
    assert SiasnSend.objects.get(record=record_).status == SendStatus.SENT


def test_bad_arguments_are_refused(db):
    with pytest.raises(CommandError, match="--year"):
        run()
    with pytest.raises(CommandError, match="no-such-unit"):
        run("--year", "2025", "--unit", "no-such-unit")
