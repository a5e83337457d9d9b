"""``python manage.py restore DIR``: into an empty database and MEDIA_ROOT, then verified."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core import backup


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into the configured, empty database and an empty "
            "MEDIA_ROOT; then compare every table's rows and every file with the manifest.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        try:
            result = backup.restore(directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored and verified: {result['tables']} tables, {result['rows']} rows and "
                          f"{result['files']} files equal to the manifest")
