"""The demo city at a small size for the demo's tests: ``seed_demo`` as ``make run`` calls it."""

import io

import pytest
from django.core.management import call_command

SMALL = 400


def seed(**options):
    call_command("seed_demo", employees=SMALL, stdout=io.StringIO(), **options)


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True  # seed_demo creates demo accounts only in development
    seed()
