import datetime as dt

import pytest

from penilaian.catalogue import catalogue_ensure
from penilaian.models import PeriodStatus
from penilaian.services import appraisal as appraisal_services
from penilaian.services import periods as period_services
from tests.penilaian.appraisal_helpers import all_scores, appraisal_of


@pytest.fixture
def catalogue(db):
    catalogue_ensure()


@pytest.fixture
def period(catalogue, city):
    """This year's annual period, open for self-evaluation, with appraisals opened for the city."""
    p = period_services.period_create(
        year=2026, kind="annual", number=None, name="Penilaian Tahunan 2026",
        start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31),
    )
    return period_services.period_advance(period=p, to_status=PeriodStatus.SELF_EVALUATION)


@pytest.fixture
def submitted(period, city, employee_user):
    """The teacher's appraisal with a submitted self-evaluation (4 everywhere)."""
    appraisal = appraisal_of(city.teacher, period)
    appraisal_services.self_evaluation_save(appraisal=appraisal, actor=employee_user, scores=all_scores(appraisal, 4), submit=True)
    return appraisal


@pytest.fixture
def private_media(settings, tmp_path):
    """Evidence files go to a temporary folder on disk (the private default storage)."""
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "portal.core.files.PrivateFileSystemStorage", "OPTIONS": {"location": location}},
    }
    return location
