"""``python manage.py import_scores FILE [--dry-run] [--scale 100]``

The same fast, all-or-nothing import as the HR page (``penilaian.imports``). With any bad
row, every error is listed (``line N: message``) on stderr, nothing is written and the exit
status is 1. Messages are in the portal's language (Indonesian unless ``--language en``).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from penilaian.imports.columns import KIND_SCORES, KINDS
from penilaian.imports.run import run_import
from penilaian.imports.scales import SCALE_5, SCALES
from portal.core.tables import TableError, read_table


class Command(BaseCommand):
    help = "Import appraisal scores (CSV or XLSX): nip, indicator, period, self_score, supervisor_score[, scale]."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file; the first row names the columns")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report; write nothing")
        parser.add_argument(
            "--scale", type=int, choices=SCALES, default=SCALE_5,
            help="scale of rows without a scale column: 5 (default) or 100 (old PP 46/2011 scores, converted)",
        )
        parser.add_argument("--kind", choices=KINDS, default=KIND_SCORES,
                            help="what the file holds (default: scores)")
        parser.add_argument("--language", default=None, help="language of the messages (id or en)")

    def handle(self, *args, file, dry_run, scale, kind, language, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        with translation.override(language or translation.get_language() or "id"):
            try:
                table = read_table(path.read_bytes(), path.name)
                result = run_import(kind, table, dry_run=dry_run, scale=scale)
            except TableError as exc:
                raise CommandError(f"{path.name}: {exc}") from exc
            if result.errors:
                line_word = translation.gettext("line")
                for error in result.errors:
                    self.stderr.write(f"{path.name}: {line_word} {error.line}: {error.message}")
                raise CommandError(
                    translation.gettext("%(n)s bad row(s); nothing was imported.") % {"n": len(result.errors)}
                )
        counts = result.counts()
        what = "dry run, nothing written" if dry_run else "imported"
        self.stdout.write(
            f"{path.name}: {what}. rows={counts['rows']} created={counts['created']} updated={counts['updated']} "
            f"unchanged={counts['unchanged']} appraisals_created={counts['appraisals_created']} "
            f"appraisals_updated={counts['appraisals_updated']} changed={result.changed}"
        )
