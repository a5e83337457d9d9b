"""``python manage.py import_scores FILE [--dry-run] [--scale 100] [--kind …] [--profile NAME
[--period CODE]] [--open-draft]``

The same fast, all-or-nothing import as the HR page (``penilaian.imports``). With any bad
row, every error is listed (``line N: message``) on stderr, nothing is written and the exit
status is 1. Messages are in the portal's language (Indonesian unless ``--language en``).
``--profile`` reads the file through a column mapping BKPSDM saved on the import page (its
header row, columns and scale); a mapping without a period column needs ``--period``.
``--open-draft`` opens a draft period the file names, through the period service, first.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from penilaian.imports.columns import KIND_SCORES, KINDS
from penilaian.imports.mapping import Mapping, missing_fields, read_mapped
from penilaian.imports.run import run_import
from penilaian.imports.scales import SCALE_5, SCALES
from penilaian.models import ImportProfile
from portal.core.tables import TableError


class Command(BaseCommand):
    help = "Import appraisal scores (CSV or XLSX): nip, indicator, period, self_score, supervisor_score[, scale]."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file; the first row names the columns")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report; write nothing")
        parser.add_argument(
            "--scale", type=int, choices=SCALES, default=None,
            help="scale of rows without a scale column: 5 (default) or 100 (old PP 46/2011 scores, converted)",
        )
        parser.add_argument("--kind", choices=KINDS, default=None, help="what the file holds (default: scores)")
        parser.add_argument("--profile", default="", help="read the file through this saved column mapping")
        parser.add_argument("--period", default="", help="with --profile: the period of every row (e.g. 2025)")
        parser.add_argument("--open-draft", action="store_true",
                            help="open a draft period the file names (every active employee's appraisal) first")
        parser.add_argument("--language", default=None, help="language of the messages (id or en)")

    def handle(self, *args, file, dry_run, scale, kind, profile, period, open_draft, language, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        mapping, kind, scale = self._mapping(profile, period, kind, scale)
        with translation.override(language or translation.get_language() or "id"):
            try:
                table = read_mapped(path.read_bytes(), path.name, kind, mapping)
                result = run_import(kind, table, dry_run=dry_run, scale=scale, open_draft=open_draft)
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
        opened = f" periods_opened={','.join(result.periods_opened)}" if result.periods_opened else ""
        self.stdout.write(
            f"{path.name}: {what}. rows={counts['rows']} created={counts['created']} updated={counts['updated']} "
            f"unchanged={counts['unchanged']} appraisals_created={counts['appraisals_created']} "
            f"appraisals_updated={counts['appraisals_updated']} changed={result.changed}{opened}"
        )

    @staticmethod
    def _mapping(name: str, period: str, kind: str | None, scale: int | None):
        if not name:
            return None, kind or KIND_SCORES, scale or SCALE_5
        profile = ImportProfile.objects.filter(name=name).first()
        if profile is None:
            known = ", ".join(ImportProfile.objects.values_list("name", flat=True)) or "none"
            raise CommandError(f"{name}: no such column mapping (saved: {known})")
        if kind and kind != profile.kind:
            raise CommandError(f"{name} is a mapping for {profile.kind}, not {kind}")
        mapping = Mapping.from_profile(profile, period=period.strip())
        if missing_fields(profile.kind, mapping.columns, period=mapping.period):
            raise CommandError(f"{name}: the file's period is in no column of this mapping; give --period")
        return mapping, profile.kind, scale or profile.scale
