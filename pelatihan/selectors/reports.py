"""Report selectors (HR): per programme (levels 1–4), per unit (gap coverage, JP, predikat) and
per indicator (gaps across periods), with export rows. The charts are drawn by
``pelatihan.charts``.

Every report runs a fixed number of queries whatever the size of the city (pinned in
``tests/pelatihan/test_views_reports.py``): aggregates in the database, roll-ups in Python.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from penilaian import rules as penilaian_rules
from penilaian.models import AppraisalPeriod, Employee, EmployeeType, PeriodKind, Score
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors

from .. import impact
from .. import rules as training_rules
from ..models import (
    ACTIVE_STATUSES,
    DevelopmentRecord,
    Enrolment,
    EnrolmentStatus,
    Programme,
    RecordStatus,
    ReevaluationScore,
    Session,
    SessionStatus,
    SurveyResponse,
)
from .evaluation import level4, session_learning, survey_means

# --- Per programme --------------------------------------------------------------------------


def programme_enrolment_counts(programme_ids=None) -> dict[int, dict]:
    """Per programme: participants (finished sessions), completed, not completed. One query."""
    qs = Enrolment.objects.filter(session__status=SessionStatus.FINISHED)
    if programme_ids is not None:
        qs = qs.filter(session__programme_id__in=programme_ids)
    rows = qs.values("session__programme_id").annotate(
        completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        not_completed=Count("pk", filter=Q(status=EnrolmentStatus.NOT_COMPLETED)),
    )
    return {r["session__programme_id"]: r for r in rows}


def programme_rows(programme_ids=None) -> list[dict]:
    """One row per programme with finished sessions: participants, completed, completion rate,
    JP delivered, level 1 mean (n), level 2 mean normalised gain (n), level 3 mean improvement
    (n) and the level 4 rows (difference in differences with both n)."""
    programmes = Programme.objects.filter(sessions__status=SessionStatus.FINISHED).distinct().order_by("title")
    if programme_ids is not None:
        programmes = programmes.filter(pk__in=programme_ids)
    programmes = list(programmes)
    ids = [p.pk for p in programmes]
    counts = programme_enrolment_counts(ids)
    sessions = dict(
        Session.objects.filter(programme_id__in=ids, status=SessionStatus.FINISHED).values("programme_id")
        .annotate(n=Count("pk")).values_list("programme_id", "n")
    )
    jp = dict(
        DevelopmentRecord.objects.filter(enrolment__session__programme_id__in=ids, status=RecordStatus.VERIFIED)
        .values("enrolment__session__programme_id").annotate(jp=Sum("jp")).values_list("enrolment__session__programme_id", "jp")
    )
    survey: dict[int, list[dict]] = defaultdict(list)
    for programme_id, answers in SurveyResponse.objects.filter(enrolment__session__programme_id__in=ids).values_list(
        "enrolment__session__programme_id", "answers"
    ):
        survey[programme_id].append(answers)
    tests: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for programme_id, pre, post in Enrolment.objects.filter(
        session__programme_id__in=ids, session__status=SessionStatus.FINISHED,
        pre_test_score__isnull=False, post_test_score__isnull=False,
    ).values_list("session__programme_id", "pre_test_score", "post_test_score"):
        tests[programme_id].append((pre, post))
    l3 = {
        r["task__enrolment__session__programme_id"]: r
        for r in ReevaluationScore.objects.filter(
            task__enrolment__session__programme_id__in=ids, score__isnull=False, baseline_score__isnull=False
        ).values("task__enrolment__session__programme_id").annotate(
            improvement=Avg(F("score") - F("baseline_score")), n=Count("task_id", distinct=True), scores=Count("pk")
        )
    }
    l4: dict[int, list] = defaultdict(list)
    for row in level4(ids):
        l4[row.programme_id].append(row)
    rows = []
    for p in programmes:
        c = counts.get(p.pk, {"completed": 0, "not_completed": 0})
        done = c["completed"] + c["not_completed"]
        _per_q, l1 = survey_means(survey.get(p.pk, []))
        rows.append({
            "programme": p, "sessions": sessions.get(p.pk, 0), "participants": done, "completed": c["completed"],
            "completion_rate": c["completed"] / done if done else None, "jp_delivered": jp.get(p.pk, 0) or 0,
            "l1_mean": l1, "l1_n": len(survey.get(p.pk, [])),
            "l2_gain": impact.mean_normalised_gain(tests.get(p.pk, [])), "l2_n": len(tests.get(p.pk, [])),
            "l3_improvement": float(l3[p.pk]["improvement"]) if p.pk in l3 else None,
            "l3_n": l3[p.pk]["n"] if p.pk in l3 else 0, "l4": l4.get(p.pk, []),
        })
    return rows


def programme_summary(programme_id: int) -> dict | None:
    """One programme's row of ``programme_rows``: what its report page shows, and what a page
    telling the programme's story shows (so both give the same figures). None before a session
    of it has finished."""
    rows = programme_rows([programme_id])
    return rows[0] if rows else None


# Pages elsewhere that tell a programme's story (the good-practice pages of ``home``) are found
# through this Wagtail hook, so training never imports the content app: each function registered
# under the name takes (programme, user) and returns [(title, url)] of the pages that user may read.
PROGRAMME_PAGES_HOOK = "pelatihan_programme_pages"


def programme_pages(programme: Programme, *, user) -> list[tuple[str, str]]:
    """The pages that tell ``programme``'s story, for its report page to link to."""
    return [page for fn in hooks.get_hooks(PROGRAMME_PAGES_HOOK) for page in fn(programme, user)]


PROGRAMME_HEADERS = [
    "programme", "sessions", "participants", "completed", "completion_rate", "jp_delivered", "l1_mean", "l1_n",
    "l2_mean_normalised_gain", "l2_n", "l3_mean_improvement", "l3_n", "l4_indicator", "l4_baseline_period",
    "l4_after_period", "l4_participants_n", "l4_participants_change", "l4_comparison_n", "l4_comparison_change",
    "l4_difference_in_differences", "l4_note",
]


def _r(value, digits=2):
    return "" if value is None else round(value, digits)


def programme_export_rows(rows: list[dict]):
    """One line per programme and level 4 indicator (a programme without level 4 data: one line)."""
    for row in rows:
        base = [row["programme"].title, row["sessions"], row["participants"], row["completed"],
                _r(row["completion_rate"], 3), row["jp_delivered"], _r(row["l1_mean"]), row["l1_n"],
                _r(row["l2_gain"], 3), row["l2_n"], _r(row["l3_improvement"]), row["l3_n"]]
        if not row["l4"]:
            yield base + [""] * 9
        for l4 in row["l4"]:
            d = l4.result
            yield base + [
                l4.indicator_name, l4.baseline.code, l4.after.code if l4.after else "", d.participants.n,
                _r(d.participants.change), d.comparison.n, _r(d.comparison.change), _r(d.value),
                _("too small to say anything") if d.too_small else "",
            ]


def programme_story(programme: Programme, row: dict) -> list[dict]:
    """For the programme page's chart: per level 4 row, mean score before/after of both groups."""
    return [
        {"label": r.indicator_name, "baseline": r.baseline.code, "after": r.after.code if r.after else "—",
         "participants": r.result.participants, "comparison": r.result.comparison, "did": r.result.value,
         "too_small": r.result.too_small}
        for r in row["l4"]
    ]


def programme_sessions(programme: Programme) -> list[dict]:
    """Per finished session of a programme: participants, completion, level 1 and level 2."""
    sessions = list(
        Session.objects.filter(programme=programme, status=SessionStatus.FINISHED).prefetch_related("days")
        .order_by("finished_at")
    )
    enrolments: dict[int, list[Enrolment]] = defaultdict(list)
    for e in Enrolment.objects.filter(session__in=sessions, status__in=[EnrolmentStatus.COMPLETED,
                                                                        EnrolmentStatus.NOT_COMPLETED]):
        enrolments[e.session_id].append(e)
    survey: dict[int, list[dict]] = defaultdict(list)
    for session_id, answers in SurveyResponse.objects.filter(enrolment__session__in=sessions).values_list(
        "enrolment__session_id", "answers"
    ):
        survey[session_id].append(answers)
    result = []
    for s in sessions:
        s.programme = programme
        rows = enrolments.get(s.pk, [])
        completed = sum(1 for e in rows if e.status == EnrolmentStatus.COMPLETED)
        result.append({
            "session": s, "participants": len(rows), "completed": completed,
            "l1_mean": survey_means(survey.get(s.pk, []))[1], "l1_n": len(survey.get(s.pk, [])),
            "l2": session_learning(s, rows),
        })
    return result


# --- Per unit -------------------------------------------------------------------------------


def report_period(code: str = "") -> AppraisalPeriod | None:
    """The period a unit report shows: the one asked for, else the latest closed annual period,
    else the latest period."""
    period = period_selectors.period_by_code(code) if code else None
    if period is None:
        period = (AppraisalPeriod.objects.filter(kind=PeriodKind.ANNUAL, status="closed").order_by("-end_date").first()
                  or AppraisalPeriod.objects.order_by("-end_date").first())
    return period


def report_periods():
    """The periods a unit report may be switched to, newest first."""
    return AppraisalPeriod.objects.order_by("-end_date")


def unit_rows(period: AppraisalPeriod, *, year: int | None = None) -> list[dict]:
    """Per SKPK: active employees, employees with a gap in ``period``, of those how many are
    covered (registered for or completed a programme addressing one of their gap indicators),
    the share of employees at or above their JP target this year, and the predikat distribution."""
    year = year or timezone.localdate().year
    roots = register_selectors.unit_roots()
    covering = Enrolment.objects.filter(
        employee_id=OuterRef("appraisal__employee_id"), session__programme__indicators=OuterRef("indicator_id"),
        status__in=[*ACTIVE_STATUSES, EnrolmentStatus.COMPLETED],
    )
    gap_rows = (
        Score.objects.filter(appraisal__period=period, supervisor_score__isnull=False,
                             supervisor_score__lt=F("expected_level"))
        .annotate(covered=Exists(covering))
        .values_list("appraisal__unit_id", "appraisal__employee_id", "covered")
    )
    with_gap: dict[int, set[int]] = defaultdict(set)
    covered: dict[int, set[int]] = defaultdict(set)
    for unit_id, employee_id, is_covered in gap_rows:
        root = roots[unit_id].pk
        with_gap[root].add(employee_id)
        if is_covered:
            covered[root].add(employee_id)
    jp_by_employee = dict(
        DevelopmentRecord.objects.filter(year=year, status=RecordStatus.VERIFIED).values("employee_id")
        .annotate(jp=Sum("jp")).values_list("employee_id", "jp")
    )
    employees: dict[int, int] = defaultdict(int)
    meets: dict[int, int] = defaultdict(int)
    for pk, unit_id, employee_type in Employee.objects.filter(is_active=True).values_list("pk", "unit_id", "employee_type"):
        root = roots[unit_id].pk
        employees[root] += 1
        if jp_by_employee.get(pk, 0) >= training_rules.jp_target(employee_type):
            meets[root] += 1
    overview = {e["unit"].pk: e for e in period_selectors.period_overview(period)}
    rows = []
    for root_id in sorted(employees, key=lambda pk: roots[pk].name):
        unit = roots[root_id]
        gap_n, cov_n = len(with_gap.get(root_id, ())), len(covered.get(root_id, ()))
        o = overview.get(root_id)
        rows.append({
            "unit": unit, "employees": employees[root_id], "with_gap": gap_n, "covered": cov_n,
            "coverage": cov_n / gap_n if gap_n else None, "jp_met": meets[root_id],
            "jp_share": meets[root_id] / employees[root_id] if employees[root_id] else None,
            "distribution": o["distribution"] if o else [], "rated": o["rated"] if o else 0,
        })
    return rows


UNIT_HEADERS_BASE = ["unit", "employees", "with_gap", "gap_covered", "coverage", "jp_target_met", "jp_target_share"]


def unit_export(rows: list[dict]):
    headers = UNIT_HEADERS_BASE + [f"predikat_{p}" for p in penilaian_rules.PREDIKAT_ORDER]

    def lines():
        for r in rows:
            dist = {d["predikat"]: d["n"] for d in r["distribution"]}
            yield [r["unit"].name, r["employees"], r["with_gap"], r["covered"], _r(r["coverage"], 3), r["jp_met"],
                   _r(r["jp_share"], 3)] + [dist.get(p, 0) for p in penilaian_rules.PREDIKAT_ORDER]

    return headers, lines()


# --- Per indicator --------------------------------------------------------------------------


def indicator_rows(*, unit=None) -> tuple[list[AppraisalPeriod], list[dict]]:
    """Gaps across the annual periods: per indicator and period, employees assessed, with a gap,
    the share and the mean supervisor score. One aggregate query (plus periods and units)."""
    periods = list(AppraisalPeriod.objects.filter(kind=PeriodKind.ANNUAL).order_by("start_date"))
    qs = Score.objects.filter(appraisal__period__in=periods, supervisor_score__isnull=False)
    if unit is not None:
        qs = qs.filter(appraisal__unit_id__in=register_selectors.unit_subtree_ids(unit))
    data = (
        qs.values("indicator_id", "indicator__code", "indicator__name", "indicator__sort_order", "appraisal__period_id")
        .annotate(assessed=Count("pk"), with_gap=Count("pk", filter=Q(supervisor_score__lt=F("expected_level"))),
                  mean_score=Avg("supervisor_score"))
    )
    table: dict[int, dict] = {}
    for r in data:
        entry = table.setdefault(r["indicator_id"], {
            "indicator_id": r["indicator_id"], "code": r["indicator__code"], "name": r["indicator__name"],
            "sort": r["indicator__sort_order"], "cells": {},
        })
        entry["cells"][r["appraisal__period_id"]] = {
            "assessed": r["assessed"], "with_gap": r["with_gap"], "share": r["with_gap"] / r["assessed"],
            "mean": float(r["mean_score"]),
        }
    rows = []
    for entry in table.values():
        entry["series"] = [entry["cells"].get(p.pk) for p in periods]
        latest = next((c for c in reversed(entry["series"]) if c), None)
        entry["latest_gap"] = latest["with_gap"] if latest else 0
        rows.append(entry)
    rows.sort(key=lambda e: (-e["latest_gap"], e["sort"], e["code"]))
    return periods, rows


def indicator_export(periods, rows):
    headers = ["indicator_code", "indicator"] + [
        f"{p.code}_{k}" for p in periods for k in ("assessed", "with_gap", "share", "mean_score")
    ]

    def lines():
        for r in rows:
            line = [r["code"], r["name"]]
            for cell in r["series"]:
                line += ([cell["assessed"], cell["with_gap"], round(cell["share"], 3), round(cell["mean"], 2)]
                         if cell else ["", "", "", ""])
            yield line

    return headers, lines()


def reports_year() -> int:
    return timezone.localdate().year


def jp_targets_note() -> str:
    return _("JP target: %(pns)s JP for PNS, %(pppk)s JP for PPPK.") % {
        "pns": training_rules.jp_target(EmployeeType.PNS), "pppk": training_rules.jp_target(EmployeeType.PPPK)
    }
