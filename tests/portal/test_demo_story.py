"""The demo city tells the Dinas Pendidikan story with numbers (seed_demo, 400 employees), and its
praktik baik page tells the same story with the same, live, figures as the programme's report."""

import datetime as dt

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from home.models import GoodPracticePage
from pelatihan import rules as training_rules
from pelatihan.models import (
    CoachingFeedback,
    CoachingPlan,
    Enrolment,
    Programme,
    ReevaluationTask,
    Session,
    SurveyResponse,
)
from pelatihan.selectors import evaluation as evaluation_selectors
from pelatihan.selectors import reports
from penilaian.models import Appraisal
from portal.core.roles import HR_GROUP
from portal.demo import story
from tests import factories as f

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


def _text(response) -> str:
    """The page's words, tags removed and spaces collapsed."""
    return " ".join(strip_tags(response.content.decode()).split())


def test_the_good_practice_page_and_the_report_tell_the_same_story(seeded, client):
    """The praktik baik page shows the story programme's live figures — the very numbers of its
    report — and the two link to each other (the report link only for BKPSDM)."""
    page = GoodPracticePage.objects.get()
    programme = Programme.objects.get(code=story.STORY_PROGRAMME)
    assert page.programme == programme and "literasi digital" in page.title.lower()
    assert {u.code for u in page.units.all()} == {"disdikbud"}
    row = reports.programme_summary(programme.pk)
    (l4,) = [r for r in row["l4"] if r.after is not None]
    with translation.override("id"):
        figures = [
            f"{row['completed']} dari {row['participants']} peserta", f"({round(row['completion_rate'] * 100)}%)",
            f"{floatformat(row['l1_mean'], 2)} / 5", f"{floatformat(row['l3_improvement'], 2)} rata-rata",
            f"{floatformat(l4.result.participants.before, 2)} → {floatformat(l4.result.participants.after, 2)}",
            f"{floatformat(l4.result.comparison.before, 2)} → {floatformat(l4.result.comparison.after, 2)}",
            floatformat(l4.result.value, 2),
        ]
    public = client.get(page.url)
    assert public.status_code == 200
    shown = _text(public)
    assert all(figure in shown for figure in figures), (figures, shown)
    assert "57%" not in shown and "23 JP" not in shown  # no typed-in numbers left
    report_url = reverse("pelatihan:report-programme", args=[programme.pk])
    assert report_url not in public.content.decode()  # the report is BKPSDM's: no dead link for the public

    client.force_login(f.make_user("uji-bkpsdm", groups=[HR_GROUP]))
    report = client.get(report_url)
    assert report.status_code == 200
    reported = _text(report).replace(f"{row['participants']} peserta, {row['completed']} lulus",
                                     f"{row['completed']} dari {row['participants']} peserta")
    assert all(figure.split(" rata-rata")[0] in reported for figure in figures), (figures, reported)
    assert f'href="{page.url}"' in report.content.decode()  # the report links to the story
    assert f'href="{report_url}"' in client.get(page.url).content.decode()  # and BKPSDM's story page to the report
