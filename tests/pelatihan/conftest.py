import pytest

from tests.pelatihan.factories import make_session


@pytest.fixture
def session(db, trainer_user):
    return make_session(capacity=3, trainers=[trainer_user])
