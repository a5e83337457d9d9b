"""The Dinas Pendidikan story in the demo data (issue 5), built through the services.

Teachers with a literasi digital gap in the 2025 appraisal; about half of them (every other one,
by NIP) attend "Literasi Digital untuk Guru" in the second half of 2025: attendance, pre- and
post-test, the reaction survey, and — 90 days later — the level 3 re-evaluation by their school
head. ``seed_story`` returns who completed it, as {(employee id, indicator code)}, so the 2026
appraisal can carry the training's effect (``penilaian.demo.TRAINING_EFFECT``); the comparison
group (the same 2025 gap, not trained) changes less. ``seed_coaching`` then gives a few employees
rated Butuh Perbaikan or worse a coaching plan with meetings.

Order in ``seed_demo`` (each step idempotent, so a second run creates nothing):

    seed_appraisals(years=(2024, 2025))   # the gaps the story starts from
    seed_training()                       # the catalogue and this year's sessions
    improved = seed_story()               # needs 2025 scores; must run before 2026 exists
    seed_appraisals(years=(2026,), improved=improved)
    seed_coaching()                       # needs the latest predikat (2026 for those assessed)
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from penilaian.models import Employee, Indicator, PeriodKind, Score

from . import coaching, evaluation, services
from .models import (
    AttendanceStatus,
    CoachingPlan,
    EnrolmentStatus,
    Programme,
    ReevaluationTask,
    Session,
    SessionStatus,
)

STORY_PROGRAMME = "literasi-digital-guru"
STORY_INDICATOR = "kt-literasi-digital"
STORY_YEAR = 2025
# Classes of three days, one a week through the second half of 2025, filled in NIP order.
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV"]
STORY_SESSIONS = [(f"Angkatan {r} 2025", dt.date(2025, 7, 7) + dt.timedelta(weeks=k)) for k, r in enumerate(ROMAN)]
CAPACITY = 32
MAX_PARTICIPANTS = CAPACITY * len(STORY_SESSIONS)


def _draw(key: str) -> float:
    return zlib.crc32(key.encode()) / 2**32


def _story_programme() -> Programme:
    programme = Programme.objects.filter(code=STORY_PROGRAMME).first()
    if programme is None:
        programme = services.programme_create(
            code=STORY_PROGRAMME, title="Literasi Digital untuk Guru", route="pelatihan", competency_kind="teknis",
            jp=24, provider="Dinas Pendidikan dan Kebudayaan Kota Subulussalam", post_test_pass_mark=70,
            reevaluation_delay_days=90,
            description="Memakai surel dan penyimpanan dokumen dinas, Platform Merdeka Mengajar, dan media ajar "
                        "digital sederhana; menjaga keamanan data murid.",
            indicators=list(Indicator.objects.filter(code=STORY_INDICATOR)),
        )
    return programme


def _gap_teachers() -> list[Employee]:
    """Teachers (fungsional staff of a school) with a literasi digital gap in the 2025 appraisal,
    by NIP; the demo accounts are left out (their own story is told by the other seeds)."""
    ids = Score.objects.filter(
        appraisal__period__year=STORY_YEAR, appraisal__period__kind=PeriodKind.ANNUAL, indicator__code=STORY_INDICATOR,
        supervisor_score__isnull=False, supervisor_score__lt=F("expected_level"),
        appraisal__employee__unit__kind="sekolah", appraisal__employee__position_kind="fungsional",
    ).values("appraisal__employee_id")
    return list(
        Employee.objects.filter(pk__in=ids, is_active=True).exclude(email__endswith="@portal.test")
        .select_related("supervisor").order_by("nip")
    )


def seed_story(*, today: dt.date | None = None) -> frozenset:
    """Build the story (idempotent) and return {(employee id, indicator code)} of everyone who
    completed the programme. Needs the 2025 appraisal; run it before the 2026 one."""
    from django.test.utils import override_settings

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _seed_story(today or timezone.localdate())


@transaction.atomic
def _seed_story(today: dt.date) -> frozenset:
    programme = _story_programme()
    if not Session.objects.filter(programme=programme).exists():
        teachers = _gap_teachers()
        trained = teachers[::2][:MAX_PARTICIPANTS]  # about half, every other one by NIP
        for k, (name, first) in enumerate(STORY_SESSIONS):
            people = trained[k * CAPACITY:(k + 1) * CAPACITY]
            if not people:
                break
            _run_session(programme, name, first, people, k)
    completed = frozenset(
        (employee_id, STORY_INDICATOR)
        for employee_id in programme.sessions.filter(enrolments__status=EnrolmentStatus.COMPLETED)
        .values_list("enrolments__employee_id", flat=True)
    )
    _level3(programme, today)
    return completed


def _run_session(programme: Programme, name: str, first: dt.date, people: list[Employee], k: int) -> None:
    days = [(first + dt.timedelta(days=d), dt.time(8, 0), dt.time(15, 30)) for d in range(3)]
    session = services.session_create(
        programme=programme, name=name, days=days, capacity=CAPACITY, status=SessionStatus.PUBLISHED,
        venue="Laboratorium Komputer SMP Negeri 1 Simpang Kiri",
    )
    enrolments = [services.enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people]
    for d, day in enumerate(session.days.all()):
        for enrolment in enrolments:
            nip = enrolment.employee.nip
            absent = d == 2 and _draw(f"absent:{nip}") < 0.06
            late = _draw(f"late:{nip}:{d}") < 0.1
            status = AttendanceStatus.ALPA if absent else AttendanceStatus.TERLAMBAT if late else AttendanceStatus.HADIR
            services.attendance_record(day=day, enrolment=enrolment, status=status)
    entries = {}
    for enrolment in enrolments:
        nip = enrolment.employee.nip
        pre = 40 + round(30 * _draw(f"pre:{nip}"))
        post = min(100, pre + 22 + round(30 * _draw(f"post:{nip}")))
        entries[enrolment.pk] = (pre, post)
    evaluation.test_scores_save(session=session, entries=entries)
    services.session_finish(session=session, today=days[-1][0])
    for enrolment in enrolments:
        enrolment.refresh_from_db()
        if not evaluation.may_answer_survey(enrolment) or _draw(f"survey:{enrolment.employee.nip}") < 0.15:
            continue  # some never answer
        nip = enrolment.employee.nip
        answers = {code: 3 + round(2 * _draw(f"q:{nip}:{code}")) for code in evaluation.SURVEY_CODES}
        comment = ["Praktiknya langsung bisa dipakai di kelas.", "Waktunya terlalu singkat untuk praktik.",
                   "", "Fasilitator sabar menjelaskan.", ""][int(5 * _draw(f"c:{nip}"))]
        evaluation.survey_submit(enrolment=enrolment, employee=enrolment.employee, answers=answers, comment=comment)


def _level3(programme: Programme, today: dt.date) -> None:
    """Create every due task (the daily command's job) and let the school heads answer the
    story's: the re-assessed literasi digital is the 2025 score plus one or two levels."""
    evaluation.reevaluation_tasks_create(today=today)
    tasks = (
        ReevaluationTask.objects.filter(enrolment__session__programme=programme, done_at__isnull=True,
                                        supervisor__isnull=False)
        .select_related("supervisor", "enrolment__employee").prefetch_related("scores")
    )
    for task in tasks:
        nip = task.enrolment.employee.nip
        scores = {}
        for s in task.scores.all():
            base = s.baseline_score or 2
            scores[s.indicator_id] = (min(5, base + 1 + (_draw(f"l3:{nip}") < 0.4)),
                                      "Sudah memakai surel dinas dan Platform Merdeka Mengajar untuk perangkat ajar.")
        evaluation.reevaluation_submit(task=task, supervisor=task.supervisor, scores=scores)


# --- Coaching -------------------------------------------------------------------------------

DEMO_SUPERVISOR_EMAIL = "atasan@portal.test"
COACHING_PLANS = 4


@transaction.atomic
def seed_coaching(*, today: dt.date | None = None) -> int:
    """A few coaching plans for employees whose latest predikat is Butuh Perbaikan or worse: the
    demo school head's team first, then others by NIP. Each plan has a held meeting (with the
    supervisor's evaluation and, for most, the employee's feedback) and one scheduled. Returns
    the plans created (0 on a second run)."""
    today = today or timezone.localdate()
    if CoachingPlan.objects.exists():
        return 0
    head = Employee.objects.filter(email=DEMO_SUPERVISOR_EMAIL).first()
    rows = [r for r in coaching.coaching_status() if r.employee.is_active and r.employee.supervisor_id]
    rows.sort(key=lambda r: (r.employee.supervisor_id != (head.pk if head else None), r.employee.nip))
    created = 0
    for r in rows[:COACHING_PLANS]:
        employee = r.employee
        supervisor = employee.supervisor
        choices = coaching.plan_indicator_choices(employee)[:2]
        if not choices:
            continue
        plan = coaching.plan_create(
            employee=employee, supervisor=supervisor, indicators=choices,
            goal=f"Meningkatkan {choices[0].name.lower()} sampai sesuai ekspektasi dalam tiga bulan.",
        )
        held = coaching.meeting_schedule(
            plan=plan, supervisor=supervisor, route="coaching", topic="Menyepakati sasaran dan langkah pertama",
            date=today - dt.timedelta(days=14), start_time=dt.time(9), end_time=dt.time(10, 30),
        )
        coaching.meeting_record(
            meeting=held, supervisor=supervisor, summary="Pegawai memilih dua kebiasaan kerja yang akan diubah.",
            evaluations={i.pk: (2 + (k == 0), "Mulai menerapkan langkah yang disepakati; perlu pendampingan.")
                         for k, i in enumerate(choices)},
        )
        if created % 2 == 0:
            held.refresh_from_db()
            coaching.feedback_submit(
                meeting=held, employee=employee, answers={c: 4 + (k % 2) for k, c in enumerate(coaching.FEEDBACK_CODES)},
                comment="Saya jadi tahu langkah berikutnya.",
            )
        coaching.meeting_schedule(
            plan=plan, supervisor=supervisor, route="mentoring", topic="Meninjau kemajuan",
            date=today + dt.timedelta(days=14), start_time=dt.time(9), end_time=dt.time(10, 30),
        )
        created += 1
    return created


def story_summary() -> dict:
    """The numbers ``seed_demo`` prints: participants and the level 4 result of the story."""
    programme = Programme.objects.filter(code=STORY_PROGRAMME).first()
    if programme is None:
        return {}
    rows = [r for r in evaluation.level4([programme.pk]) if r.after is not None]
    if not rows:
        return {"programme": programme.title}
    d = rows[0].result
    return {"programme": programme.title, "participants": d.participants.n, "comparison": d.comparison.n,
            "participants_change": d.participants.change, "comparison_change": d.comparison.change, "did": d.value}

