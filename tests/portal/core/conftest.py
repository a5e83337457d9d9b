import pytest


@pytest.fixture
def outbox_mail(settings):
    """Mail through the portal's one path (pytest-django otherwise swaps in locmem directly)."""
    settings.EMAIL_BACKEND = "portal.core.mail.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database for a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
