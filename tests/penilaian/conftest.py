import datetime as dt

import pytest

from penilaian import services
from penilaian.catalogue import catalogue_ensure
from penilaian.models import PeriodStatus


@pytest.fixture
def catalogue(db):
    catalogue_ensure()


@pytest.fixture
def period(catalogue, city):
    """This year's annual period, open for self-evaluation, with appraisals opened for the city."""
    p = services.period_create(
        year=2026, kind="annual", number=None, name="Penilaian Tahunan 2026",
        start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31),
    )
    return services.period_advance(period=p, to_status=PeriodStatus.SELF_EVALUATION)
