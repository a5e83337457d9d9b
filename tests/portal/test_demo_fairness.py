"""The demo's fair appraisal: expectations, evidence and notes in the current period, a
multi-source round with stakeholders' answers for the engineer at Dinas PUPR, a decided and an
open objection, units outside the pattern, and the period report's counts above zero."""

import io

from django.core.management import call_command

from penilaian.models import (
    AppraisalPeriod,
    Evidence,
    FeedbackNote,
    MultisourceResponse,
    Objection,
    ObjectionStatus,
    PerformancePlan,
    RaterGroup,
    UnitPredikat,
)
from portal.demo import fairness
from tests.portal.conftest import seed

KEYS = ("expectations", "evidence", "feedback_notes", "multisource_responses", "acknowledged", "objections_decided",
        "objections_open", "units_outside_pattern")


def test_the_demo_city_appraises_transparently_and_fairly(seeded):
    engineer_answers = MultisourceResponse.objects.filter(
        round__employee__position_name=fairness.DATA["engineer"]["position"])
    assert engineer_answers.filter(group=RaterGroup.STAKEHOLDER).count() == len(fairness.DATA["engineer"]["stakeholders"])
    assert PerformancePlan.objects.filter(acknowledged_at__isnull=False).count() >= 2
    assert Evidence.objects.filter(file="").exists() and Evidence.objects.exclude(file="").exists()
    assert FeedbackNote.objects.count() >= 4
    assert set(Objection.objects.values_list("status", flat=True)) == {ObjectionStatus.OPEN, ObjectionStatus.DECIDED}
    assert UnitPredikat.objects.exists()

    totals = dict.fromkeys(KEYS, 0)
    for period in AppraisalPeriod.objects.all():
        out = io.StringIO()
        call_command("period_report", period.code, stdout=out)
        last = out.getvalue().strip().splitlines()[-1]
        assert [pair.split("=")[0] for pair in last.split()] == list(KEYS)
        for pair in last.split():
            key, n = pair.split("=")
            totals[key] = max(totals[key], int(n))
    assert all(totals[key] > 0 for key in KEYS), totals


def test_a_second_run_adds_nothing(seeded):
    before = (PerformancePlan.objects.count(), MultisourceResponse.objects.count(), Objection.objects.count())
    seed()
    assert (PerformancePlan.objects.count(), MultisourceResponse.objects.count(), Objection.objects.count()) == before
