"""The demo city tells the Dinas Pendidikan story with numbers (seed_demo, 400 employees)."""

import datetime as dt

from django.utils import timezone

from pelatihan import rules as training_rules
from pelatihan.models import (
    CoachingFeedback,
    CoachingPlan,
    Enrolment,
    ReevaluationTask,
    Session,
    SurveyResponse,
)
from pelatihan.selectors import evaluation as evaluation_selectors
from penilaian.models import Appraisal
from portal.demo import story

from .conftest import seed


def test_the_story_is_true_in_the_data(seeded):
    year = timezone.localdate().year - 2  # the story's year
    sessions = Session.objects.filter(programme__code=story.STORY_PROGRAMME).prefetch_related("days")
    assert sessions.exists() and all(s.status == "finished" for s in sessions)
    assert all(dt.date(year, 7, 1) <= d.date <= dt.date(year, 12, 31) for s in sessions for d in s.days.all())
    completed = Enrolment.objects.filter(session__in=sessions, status="completed")
    assert completed.count() >= 10
    assert all(e.pre_test_score is not None and e.post_test_score >= 70 for e in completed)
    assert SurveyResponse.objects.filter(enrolment__session__in=sessions).exists()
    done = ReevaluationTask.objects.filter(enrolment__session__in=sessions, done_at__isnull=False)
    assert done.exists()
    assert all(t.supervisor_id == t.enrolment.employee.supervisor_id for t in done.select_related("enrolment__employee"))
    (row,) = [r for r in evaluation_selectors.level4([sessions[0].programme_id]) if r.after is not None]
    assert row.baseline.year == year and row.after.year == year + 1 and row.after_closed
    d = row.result
    assert d.participants.n >= 5 and d.comparison.n >= 5
    assert d.participants.change > d.comparison.change + 0.5  # their gap shrinks more


def test_coaching_plans_only_where_the_predikat_calls_for_one(seeded):
    plans = CoachingPlan.objects.select_related("appraisal", "employee")
    assert plans.exists()
    for plan in plans:
        latest = Appraisal.objects.filter(employee=plan.employee).exclude(predikat="").order_by("-period__end_date").first()
        assert latest == plan.appraisal and latest.predikat in training_rules.PREDIKAT_NEEDING_PLAN
        assert plan.supervisor_id == plan.employee.supervisor_id
    assert CoachingFeedback.objects.exists()


def test_a_second_run_creates_no_evaluation_data(seeded):
    counts = (SurveyResponse.objects.count(), ReevaluationTask.objects.count(), CoachingPlan.objects.count(),
              Enrolment.objects.count())
    seed()
    assert (SurveyResponse.objects.count(), ReevaluationTask.objects.count(), CoachingPlan.objects.count(),
            Enrolment.objects.count()) == counts
