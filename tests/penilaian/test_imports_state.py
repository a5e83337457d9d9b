"""What a score file may change: NIP messages that say what is wrong, draft periods refused
unless BKPSDM opens them (through the period service), assessed appraisals (ratings chosen:
refused; assessed by an import: suggestion recomputed and audited)."""

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from penilaian.imports.run import run_import
from penilaian.models import Appraisal, AppraisalStatus, PeriodStatus, Rating, Score
from penilaian.services import appraisal as appraisal_services
from portal.core.tables import read_table
from tests import factories as f
from tests.penilaian.appraisal_helpers import appraisal_of
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period

HEADER = ["nip", "indicator", "period", "self_score", "supervisor_score"]


def scores(rows, *, dry_run=False, **kwargs):
    with translation.override("id"):
        return run_import("scores", read_table(csv_bytes([HEADER, *rows])), dry_run=dry_run, **kwargs)


# --- NIP messages ---------------------------------------------------------------------------


@pytest.mark.parametrize(("nip", "expected"), [
    ("198613262015051001", "tanggal lahir"),  # birth month 13
    ("198609322015051001", "tanggal lahir"),  # day 32
    ("198609262015053001", "jenis kelamin"),  # gender digit 3
    ("19860926201505100", "18 digit"),  # 17 digits
])
def test_a_malformed_nip_is_reported_with_what_is_wrong(city, nip, expected):
    make_period()
    make_indicators()
    message = scores([[nip, "ba-pelayanan", "2025", 4, 3]], dry_run=True).errors[0].message
    assert expected in message
    assert "tidak terdaftar" not in message


def test_only_a_well_formed_unknown_nip_is_not_in_the_register(city):
    make_period()
    make_indicators()
    message = scores([["199001012015011999", "ba-pelayanan", "2025", 4, 3]], dry_run=True).errors[0].message
    assert "tidak terdaftar" in message


def test_a_number_that_can_only_be_an_ni_pppk_says_so(city):
    make_period()
    make_indicators()
    message = scores([["199001012021211001", "ba-pelayanan", "2025", 4, 3]], dry_run=True).errors[0].message
    assert "tidak terdaftar" in message and "PPPK" in message


def test_a_pppk_employee_in_the_register_imports(city):
    make_period()
    make_indicators()
    pppk = f.make_employee(unit=city.school, supervisor=city.school_head, nip="199001012021211001",
                           employee_type="PPPK")
    assert scores([[pppk.nip, "ba-pelayanan", "2025", 4, 3]]).ok


# --- Draft periods --------------------------------------------------------------------------


def test_a_draft_period_is_refused_and_nothing_is_marked_assessed(city):
    """The defect: an import into a draft period created appraisals marked assessed."""
    make_period(status=PeriodStatus.DRAFT)
    make_indicators()
    result = scores([[city.teacher.nip, "ba-pelayanan", "2025", 4, 3]])
    assert [e.line for e in result.errors] == [2]
    assert "draf" in result.errors[0].message and "--open-draft" in result.errors[0].message
    assert Appraisal.objects.count() == 0


def test_bkpsdm_may_open_a_draft_period_with_the_import(city, hr_user):
    period = make_period(status=PeriodStatus.DRAFT)
    make_indicators()
    preview = scores([[city.teacher.nip, "ba-pelayanan", "2025", 4, 3]], dry_run=True, open_draft=True)
    assert preview.ok and preview.periods_opened == ["2025"]
    period.refresh_from_db()
    assert period.status == PeriodStatus.DRAFT, "a preview opens nothing"
    result = scores([[city.teacher.nip, "ba-pelayanan", "2025", 4, 3]], open_draft=True, actor=hr_user)
    assert result.ok and result.periods_opened == ["2025"]
    period.refresh_from_db()
    assert period.status == PeriodStatus.SELF_EVALUATION
    # Opened the normal way: every active employee has an appraisal with score rows, audited.
    assert Appraisal.objects.filter(period=period).count() == 5
    assert Score.objects.filter(appraisal__employee=city.nurse).exists()
    entry = ModelLogEntry.objects.get(action="penilaian.period.advance")
    assert entry.user == hr_user and entry.data["to"] == PeriodStatus.SELF_EVALUATION
    teacher = appraisal_of(city.teacher, period)
    assert teacher.status == AppraisalStatus.ASSESSED
    assert Score.objects.get(appraisal=teacher, indicator__code="ba-pelayanan").supervisor_score == 3


def test_opening_a_draft_period_is_rolled_back_with_a_bad_file(city):
    period = make_period(status=PeriodStatus.DRAFT)
    make_indicators()
    result = scores([[city.teacher.nip, "ba-pelayanan", "2025", 4, 3], [city.teacher.nip, "nope", "2025", 4, 3]],
                    open_draft=True)
    assert not result.ok
    period.refresh_from_db()
    assert period.status == PeriodStatus.DRAFT and Appraisal.objects.count() == 0
    assert not ModelLogEntry.objects.filter(action="penilaian.period.advance").exists()


# --- Assessed appraisals --------------------------------------------------------------------


@pytest.fixture
def rated(period, city, supervisor_user):
    """The teacher's appraisal assessed in the portal: every score 3, both ratings, predikat Baik."""
    appraisal = appraisal_of(city.teacher, period)
    scores_ = {s.indicator_id: {"score": 3} for s in appraisal.scores.all()}
    appraisal_services.assessment_save(appraisal=appraisal, actor=supervisor_user, scores=scores_,
                                       rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS, submit=True)
    appraisal.refresh_from_db()
    return appraisal


def test_a_rated_appraisal_refuses_a_changed_score_but_takes_its_own_values_back(rated, city):
    code = rated.scores.select_related("indicator").first().indicator.code
    result = scores([[city.teacher.nip, code, rated.period.code, "", 5]])
    assert [e.line for e in result.errors] == [2]
    assert "halaman penilaian" in result.errors[0].message and "Baik" in result.errors[0].message
    same = scores([[city.teacher.nip, code, rated.period.code, "", 3]])
    assert same.ok and same.changed == 0 and same.unchanged == 1
    rated.refresh_from_db()
    assert rated.predikat == "baik"


def test_an_import_assessed_appraisal_gets_its_suggestion_recomputed_and_audited(city, hr_user):
    make_period()
    make_indicators()
    nip = city.teacher.nip
    scores([[nip, "ba-pelayanan", "2025", "", 3], [nip, "ba-akuntabel", "2025", "", 3]], actor=hr_user)
    appraisal = Appraisal.objects.get()
    assert (appraisal.status, appraisal.rating_perilaku_suggested, appraisal.predikat) == ("assessed", Rating.MEETS, "")
    result = scores([[nip, "ba-pelayanan", "2025", "", 5], [nip, "ba-akuntabel", "2025", "", 5]], actor=hr_user)
    assert result.ok and (result.updated, result.appraisals_updated) == (2, 1)
    appraisal.refresh_from_db()
    assert appraisal.rating_perilaku_suggested == Rating.ABOVE and appraisal.status == AppraisalStatus.ASSESSED
    assert appraisal.predikat == ""
    entry = ModelLogEntry.objects.filter(action="penilaian.import.scores").order_by("-pk").first()
    assert entry.data["suggestions"] == {str(appraisal.pk): [Rating.MEETS, Rating.ABOVE]}
