"""The backup's own checks (the full drill — seed, backup, restore, compare — is .ci/backup-drill)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection

from portal.core import backup


def test_differences_name_every_table_that_changed():
    expected = {"a": {"rows": 2, "checksum": "x"}, "b": {"rows": 1, "checksum": "y"}}
    actual = {"a": {"rows": 2, "checksum": "x"}, "b": {"rows": 1, "checksum": "z"}, "c": {"rows": 0, "checksum": "w"}}
    problems = backup.differences(expected, actual, what="table")
    assert [p.split(":")[0] for p in problems] == ["table b", "table c"]


def test_backup_needs_postgresql(tmp_path, settings):
    settings.DATABASES = {"default": {**settings.DATABASES["default"], "ENGINE": "django.db.backends.sqlite3"}}
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup", str(tmp_path / "b"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_or_a_full_database_is_refused(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    Group.objects.create(name="Cadangan")
    call_command("backup", str(tmp_path / "b"))
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["tables"]["auth_group"]["rows"] == Group.objects.count()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "b"))  # the test database is full
    (tmp_path / "b" / "database.dump").write_bytes(b"damaged")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "b"))
