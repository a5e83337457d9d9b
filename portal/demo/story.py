"""The Dinas Pendidikan story in the demo data, built through the training services.

The story's year is counted back from the day of the build (``story_year``: two years ago), so
the whole story lies in closed periods. Teachers with a literasi digital gap in that year's
appraisal; about half of them (every other one, by NIP) attend the story's programme in its
second half: attendance, pre- and post-test, the reaction survey and — 90 days later — the level
3 re-evaluation by their school head. ``seed_story`` returns who completed it, as {(employee id,
indicator code)}, so the next years' appraisals carry the training's effect
(``appraisal.TRAINING_EFFECT``); the comparison group (the same gap, not trained) changes less.
The words and numbers are ``data/story.yaml``.

Order in the builder (each step idempotent, so a second run creates nothing):

    seed_appraisals(years up to the story's year)   # the gaps the story starts from
    seed_training()                                 # the catalogue and this year's sessions
    improved = seed_story()                         # needs the story year's scores
    seed_appraisals(later years, improved=improved) # last year (closed) and this year (open)
    seed_coaching()                                 # needs the latest predikat
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.db import transaction
from django.db.models import F
from django.test.utils import override_settings
from django.utils import timezone

from pelatihan import rules as training_rules
from pelatihan.models import AttendanceStatus, EnrolmentStatus, Programme, ReevaluationTask, Session, SessionStatus
from pelatihan.selectors import evaluation as evaluation_selectors
from pelatihan.services import completion as completion_services
from pelatihan.services import enrolment as enrolment_services
from pelatihan.services import evaluation as evaluation_services
from pelatihan.services import sessions as session_services
from pelatihan.services.attendance import attendance_record
from penilaian.models import Employee, Indicator, PeriodKind, Score

from .loader import load
from .register import LOGIN_DOMAIN
from .training import QUIET_MAIL

STORY = load("story")
STORY_PROGRAMME = STORY["programme"]["code"]
STORY_INDICATOR = STORY["indicator"]
CAPACITY = STORY["sessions"]["capacity"]


def story_year(today: dt.date) -> int:
    """The year of the story's gap and training, for a demo built on ``today``."""
    return today.year - STORY["years_ago"]


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in numerals:
        while number >= value:
            out += numeral
            number -= value
    return out


def story_sessions(year: int) -> list[tuple[str, dt.date]]:
    """(name, first day) of the story's classes in ``year``: one a week from the first Monday of
    the month in the data file, in order."""
    spec = STORY["sessions"]
    first = dt.date(year, spec["first_month"], 1)
    first += dt.timedelta(days=-first.weekday() % 7)  # the first Monday
    return [
        (spec["name"].format(number=_roman(k + 1), year=year), first + dt.timedelta(weeks=k))
        for k in range(spec["count"])
    ]


def _draw(key: str) -> float:
    return zlib.crc32(key.encode()) / 2**32


def _story_programme() -> Programme:
    programme = Programme.objects.filter(code=STORY_PROGRAMME).first()
    if programme is None:
        programme = session_services.programme_create(
            **STORY["programme"], indicators=list(Indicator.objects.filter(code=STORY_INDICATOR)),
        )
    return programme


def _gap_teachers(year: int) -> list[Employee]:
    """Teachers (fungsional staff of a school) with a literasi digital gap in ``year``'s
    appraisal, by NIP; the demo accounts are left out (their own story is told by the other seeds)."""
    ids = Score.objects.filter(
        appraisal__period__year=year, appraisal__period__kind=PeriodKind.ANNUAL, indicator__code=STORY_INDICATOR,
        supervisor_score__isnull=False, supervisor_score__lt=F("expected_level"),
        appraisal__employee__unit__kind="sekolah", appraisal__employee__position_kind="fungsional",
    ).values("appraisal__employee_id")
    return list(
        Employee.objects.filter(pk__in=ids, is_active=True).exclude(email__endswith=LOGIN_DOMAIN)
        .select_related("supervisor").order_by("nip")
    )


@override_settings(**QUIET_MAIL)
@transaction.atomic
def seed_story(*, today: dt.date | None = None) -> frozenset:
    """Build the story (idempotent) and return {(employee id, indicator code)} of everyone who
    completed the programme. Needs the story year's appraisal; run it before the next years'."""
    today = today or timezone.localdate()
    programme = _story_programme()
    if not Session.objects.filter(programme=programme).exists():
        year = story_year(today)
        sessions = story_sessions(year)
        trained = _gap_teachers(year)[::2][: CAPACITY * len(sessions)]  # about half, every other one by NIP
        for k, (name, first) in enumerate(sessions):
            people = trained[k * CAPACITY:(k + 1) * CAPACITY]
            if not people:
                break
            _run_session(programme, name, first, people)
    completed = frozenset(
        (employee_id, STORY_INDICATOR)
        for employee_id in programme.sessions.filter(enrolments__status=EnrolmentStatus.COMPLETED)
        .values_list("enrolments__employee_id", flat=True)
    )
    _level3(programme, today)
    return completed


def _run_session(programme: Programme, name: str, first: dt.date, people: list[Employee]) -> None:
    spec = STORY["sessions"]
    days = [(first + dt.timedelta(days=d), dt.time(8, 0), dt.time(15, 30)) for d in range(spec["days"])]
    session = session_services.session_create(
        programme=programme, name=name, days=days, capacity=CAPACITY, status=SessionStatus.PUBLISHED,
        venue=spec["venue"],
    )
    enrolments = [
        enrolment_services.enrolment_create(session=session, employee=p, by_hr=True).enrolment for p in people
    ]
    for d, day in enumerate(session.days.all()):
        for enrolment in enrolments:
            nip = enrolment.employee.nip
            absent = d == 2 and _draw(f"absent:{nip}") < 0.06
            late = _draw(f"late:{nip}:{d}") < 0.1
            status = AttendanceStatus.ALPA if absent else AttendanceStatus.TERLAMBAT if late else AttendanceStatus.HADIR
            attendance_record(day=day, enrolment=enrolment, status=status)
    entries = {}
    for enrolment in enrolments:
        nip = enrolment.employee.nip
        pre = 40 + round(30 * _draw(f"pre:{nip}"))
        post = min(100, pre + 22 + round(30 * _draw(f"post:{nip}")))
        entries[enrolment.pk] = (pre, post)
    evaluation_services.test_scores_save(session=session, entries=entries)
    completion_services.session_finish(session=session, today=days[-1][0])
    comments = STORY["survey_comments"]
    for enrolment in enrolments:
        enrolment.refresh_from_db()
        if not evaluation_selectors.may_answer_survey(enrolment) or _draw(f"survey:{enrolment.employee.nip}") < 0.15:
            continue  # some never answer
        nip = enrolment.employee.nip
        answers = {code: 3 + round(2 * _draw(f"q:{nip}:{code}")) for code in training_rules.SURVEY_CODES}
        comment = comments[int(len(comments) * _draw(f"c:{nip}"))]
        evaluation_services.survey_submit(enrolment=enrolment, employee=enrolment.employee, answers=answers, comment=comment)


def _level3(programme: Programme, today: dt.date) -> None:
    """Create every due task (the daily command's job) and let the school heads answer the
    story's: the re-assessed literasi digital is the story year's score plus one or two levels."""
    evaluation_services.reevaluation_tasks_create(today=today)
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
            scores[s.indicator_id] = (min(5, base + 1 + (_draw(f"l3:{nip}") < 0.4)), STORY["reevaluation_note"])
        evaluation_services.reevaluation_submit(task=task, supervisor=task.supervisor, scores=scores)


def story_summary() -> dict:
    """The numbers ``seed_demo`` prints: participants and the level 4 result of the story."""
    programme = Programme.objects.filter(code=STORY_PROGRAMME).first()
    if programme is None:
        return {}
    rows = [r for r in evaluation_selectors.level4([programme.pk]) if r.after is not None]
    if not rows:
        return {"programme": programme.title}
    d = rows[0].result
    return {"programme": programme.title, "participants": d.participants.n, "comparison": d.comparison.n,
            "participants_change": d.participants.change, "comparison_change": d.comparison.change, "did": d.value}
