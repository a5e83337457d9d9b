"""``python manage.py backup DIR``: database dump, media archive and manifest (portal.core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and MEDIA_ROOT into DIR, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A new or empty folder (not on the database's disk).")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup.backup(directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(f"backup in {directory}: {len(manifest['tables'])} tables, {rows} rows, "
                          f"{len(manifest['media'])} files")
        self.stdout.write(f"database.dump sha256={manifest['archives']['database.dump']}")
        self.stdout.write(f"media.tar.gz  sha256={manifest['archives']['media.tar.gz']}")
