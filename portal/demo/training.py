"""Demo training data, built through the training services.

Deterministic and idempotent: programmes are keyed by code and sessions by (programme, name);
a second run creates nothing. Dates are counted from ``today`` so the demo always has finished
sessions (with attendance, completions, certificates and JP), a session that ended yesterday
and waits for BKPSDM to finish it, a session meeting today (for the QR check-in), and open
sessions, some full with a waiting list. The catalogue and the demo teacher's part are
``data/training.yaml``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from pelatihan.models import AttendanceStatus, Enrolment, EnrolmentStatus, Programme, Session, SessionStatus
from pelatihan.services import completion as completion_services
from pelatihan.services import enrolment as enrolment_services
from pelatihan.services import sessions as session_services
from pelatihan.services.attendance import attendance_record
from penilaian.catalogue import catalogue_ensure
from penilaian.models import Employee, Indicator
from penilaian.selectors import gaps as gap_selectors

from . import files
from .loader import days_from, load
from .register import DEMO_EMPLOYEE_EMAIL, DEMO_TRAINER_EMAIL, LOGIN_DOMAIN

TRAINING = load("training")
# The hundreds of notification e-mails the services queue are dropped: the demo should not
# print them all to the console.
QUIET_MAIL = {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}


def _pool(audience: str) -> list[Employee]:
    """The possible participants of a programme's audience, by NIP, without the demo people."""
    qs = Employee.objects.filter(is_active=True).exclude(email__endswith=LOGIN_DOMAIN).order_by("nip")
    if audience == "teachers":
        qs = qs.filter(unit__kind="sekolah", position_kind="fungsional")
    elif audience == "health":
        qs = qs.filter(unit__kind="puskesmas")
    elif audience == "leaders":
        qs = qs.filter(position_kind__in=["administrator", "pengawas", "jpt_pratama"])
    return list(qs.select_related("unit"))


def _pick(pool: list, n: int, offset: int) -> list:
    if not pool:
        return []
    n = min(n, len(pool))
    start = (offset * 7) % len(pool)
    return [pool[(start + k) % len(pool)] for k in range(n)]


def _days(first: dt.date, n: int) -> list[tuple[dt.date, dt.time, dt.time]]:
    return [(first + dt.timedelta(days=k), dt.time(8, 30), dt.time(15, 30)) for k in range(n)]


def _attendance_status(j: int, d: int) -> str:
    """A believable, fixed pattern: mostly present, some late, a few excused, sick or absent."""
    if (j * 7 + d) % 23 == 5:
        return AttendanceStatus.ALPA
    if (j + d) % 29 == 3:
        return AttendanceStatus.IZIN
    if (j * 3 + d) % 31 == 7:
        return AttendanceStatus.SAKIT
    if (j + d) % 5 == 0:
        return AttendanceStatus.TERLAMBAT
    return AttendanceStatus.HADIR


def _session(programme: Programme, name: str, **kwargs) -> tuple[Session, bool]:
    existing = Session.objects.filter(programme=programme, name=name).first()
    if existing is not None:
        return existing, False
    return session_services.session_create(programme=programme, name=name, **kwargs), True


def _enrol(session: Session, employee: Employee, **kw) -> Enrolment | None:
    if Enrolment.objects.filter(session=session, employee=employee).exists():
        return None
    return enrolment_services.enrolment_create(session=session, employee=employee, **kw).enrolment


@override_settings(**QUIET_MAIL)
@transaction.atomic
def seed_training(*, today: dt.date | None = None) -> dict:
    """Programmes, sessions past/today/future, enrolments, attendance, completions, records."""
    today = today or timezone.localdate()
    trainer = get_user_model().objects.filter(email=DEMO_TRAINER_EMAIL).first()
    trainers = [trainer] if trainer is not None else []
    me = Employee.objects.filter(email=DEMO_EMPLOYEE_EMAIL).first()
    programmes, created = _programmes()
    sessions = 0
    for i, (programme, audience) in enumerate(programmes):
        sessions += _classes(programme, i, _pool(audience), today=today, trainers=trainers, me=me)
    sessions += _today_class(today=today, trainers=trainers, me=me)
    sessions += _yesterday_class(today=today, trainers=trainers)
    if me is not None:
        _external_record(me, today=today)
    return {"programmes": created, "sessions": sessions}


def _programmes() -> tuple[list[tuple[Programme, str]], int]:
    """The catalogue (programme, audience), created where missing, and how many were created."""
    catalogue_ensure()
    indicators = {i.code: i for i in Indicator.objects.all()}
    programmes, created = [], 0
    for p in TRAINING["programmes"]:
        programme = Programme.objects.filter(code=p["code"]).first()
        if programme is None:
            programme = session_services.programme_create(
                code=p["code"], title=p["title"], route=p["route"], competency_kind=p["competency_kind"], jp=p["jp"],
                provider=p["provider"], description=p["description"],
                indicators=[indicators[c] for c in p["indicators"] if c in indicators],
            )
            created += 1
        programmes.append((programme, p["audience"]))
    return programmes, created


def _classes(programme: Programme, i: int, pool: list, *, today: dt.date, trainers: list, me) -> int:
    """The ``i``-th programme's finished class and open class; returns how many were created."""
    created = 0
    online = programme.route in ("e_learning", "jarak_jauh")
    venues = TRAINING["venues"]
    common = {"venue": "" if online else venues[i % len(venues)], "online_url": TRAINING["online_url"] if online else ""}
    demo_teacher = TRAINING["demo_teacher"]
    # A finished class, spread over the last ~14 months so the history has two years.
    first = today - dt.timedelta(days=20 + 31 * i)
    past, was_created = _session(
        programme, TRAINING["finished_class"].format(year=first.year), days=_days(first, 2 + i % 2), capacity=20,
        trainers=trainers if i % 2 == 0 else [], status=SessionStatus.PUBLISHED, **common,
    )
    if was_created:
        created += 1
        people = _pick(pool, 14, i)
        if me is not None and programme.code in demo_teacher["finished"]:
            people = [me, *people]
        enrolments = [e for e in (_enrol(past, p, by_hr=True) for p in people) if e is not None]
        for d, day in enumerate(past.days.all()):
            for j, enrolment in enumerate(enrolments):
                status = AttendanceStatus.HADIR if enrolment.employee == me else _attendance_status(j, d)
                attendance_record(day=day, enrolment=enrolment, status=status)
        completion_services.session_finish(session=past, today=today)

    # An open class; every fourth one is small and over-subscribed (a waiting list).
    start = today + dt.timedelta(days=6 + 4 * i)
    full = i % 4 == 1
    upcoming, was_created = _session(
        programme, TRAINING["open_class"].format(year=start.year), days=_days(start, 2), capacity=8 if full else 25,
        trainers=trainers if i % 2 == 0 else [], status=SessionStatus.PUBLISHED,
        approval_required=programme.code in TRAINING["approval_required"],
        registration_closes_at=timezone.make_aware(dt.datetime.combine(start - dt.timedelta(days=1), dt.time(12))),
        **common,
    )
    if was_created:
        created += 1
        for p in _pick(pool, 11 if full else 6, i + 50):
            _enrol(upcoming, p)
        if me is not None and programme.code in demo_teacher["registered"]:
            _enrol(upcoming, me)
    return created


def _today_class(*, today: dt.date, trainers: list, me) -> int:
    """A class meeting today, facilitated by the demo trainer, with the demo teacher in it: the
    attendance sheet and the QR check-in can be tried at once. Yesterday's attendance is in."""
    spec = TRAINING["today_class"]
    programme = Programme.objects.get(code=spec["programme"])
    session, was_created = _session(
        programme, spec["name"], days=_days(today - dt.timedelta(days=1), spec["days"]), capacity=spec["capacity"],
        trainers=trainers, status=SessionStatus.PUBLISHED, venue=spec["venue"],
    )
    if not was_created:
        return 0
    people = _pick(_pool("teachers"), 9, 99)
    if me is not None:
        people.insert(0, me)
    enrolments = [e for e in (_enrol(session, p, by_hr=True) for p in people) if e is not None]
    yesterday = session.days.first()
    for j, enrolment in enumerate(enrolments):
        attendance_record(day=yesterday, enrolment=enrolment, status=_attendance_status(j, 0))
    return 1


def _yesterday_class(*, today: dt.date, trainers: list) -> int:
    """A class whose last day was yesterday, with every day's attendance in and not finished:
    BKPSDM's next step is to finish it."""
    spec = TRAINING["yesterday_class"]
    programme = Programme.objects.get(code=spec["programme"])
    yesterday = today - dt.timedelta(days=1)
    session, was_created = _session(
        programme, spec["name"].format(year=yesterday.year), days=_days(yesterday - dt.timedelta(days=spec["days"] - 1), spec["days"]),
        capacity=spec["capacity"], trainers=trainers, status=SessionStatus.PUBLISHED, venue=spec["venue"],
    )
    if not was_created:
        return 0
    enrolments = [e for e in (_enrol(session, p, by_hr=True) for p in _pick(_pool("all"), spec["participants"], 77))
                  if e is not None]
    for d, day in enumerate(session.days.all()):
        for j, enrolment in enumerate(enrolments):
            attendance_record(day=day, enrolment=enrolment, status=_attendance_status(j, d))
    return 1


def _external_record(me: Employee, *, today: dt.date) -> None:
    """The demo teacher's trainings outside the portal, each with its certificate as a private
    file: one verified by HR, one waiting for HR."""
    if me.development_records.filter(source="external").exists():
        return
    for spec in TRAINING["demo_teacher"]["external_records"]:
        end = days_from(today, spec["end_offset_days"])
        number = spec["certificate_number"].format(year=end.year)
        certificate = ContentFile(files.pdf(
            title=spec["title"], byline=f"{spec['provider']} · {number}", author=spec["provider"],
            sections=[{"heading": "Sertifikat", "points": [me.full_name, f"{spec['jp']} JP", end.isoformat()]}],
        ), name="sertifikat.pdf")
        record_ = completion_services.external_record_create(
            employee=me, title=spec["title"], route=spec["route"], competency_kind=spec["competency_kind"],
            provider=spec["provider"], start_date=days_from(today, spec["start_offset_days"]), end_date=end,
            jp=spec["jp"], certificate_number=number, certificate_file=certificate, actor=me.user, today=today,
        )
        if spec["verified"]:
            completion_services.external_record_verify(record_=record_, actor=None)


@override_settings(**QUIET_MAIL)
@transaction.atomic
def seed_waiting_approvals(*, today: dt.date | None = None, people: int = 3) -> int:
    """The demo school head's inbox: colleagues of the demo teacher registered for an open class
    that addresses one of their gaps in their latest assessment, waiting for the head's approval
    (the class asks for it), so the approver sees why each wants it. Runs after every appraisal
    year is seeded, when those gaps are known. Returns how many registrations it made."""
    now = timezone.now()
    me = Employee.objects.filter(email=DEMO_EMPLOYEE_EMAIL).first()
    if me is None or me.supervisor_id is None:
        return 0
    colleagues = list(Employee.objects.filter(supervisor_id=me.supervisor_id, is_active=True).exclude(pk=me.pk)
                      .order_by("nip"))
    if Enrolment.objects.filter(employee__in=colleagues, status=EnrolmentStatus.PENDING_APPROVAL).count() >= people:
        return 0
    sessions = [s for s in Session.objects.filter(status=SessionStatus.PUBLISHED).prefetch_related("days", "programme__indicators")
                .order_by("pk") if s.registration_is_open(now) and s.start_date and s.start_date > (today or now.date())]
    gaps = gap_selectors.latest_gaps_by_employee([c.pk for c in colleagues])
    made = 0
    for colleague in colleagues:
        session = next((s for g in gaps.get(colleague.pk, []) for s in sessions  # the largest gap first
                        if g.indicator_id in {i.pk for i in s.programme.indicators.all()}), None)
        if session is None:
            continue
        if not session.approval_required:
            session.approval_required = True
            session.save(update_fields=["approval_required"])
        if _enrol(session, colleague) is not None:
            made += 1
        if made >= people:
            break
    return made
