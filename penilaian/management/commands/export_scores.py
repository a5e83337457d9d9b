"""``python manage.py export_scores PERIOD FILE [--unit CODE]``

Writes the scores of a period — of one unit and its sub-units with ``--unit`` — to FILE, CSV or
XLSX by its extension: exactly what BKPSDM's export page sends (the same rows through the same
safe writer, ``penilaian.services.exports.write_export``), so ``import_scores FILE`` reads it
back with nothing changed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from penilaian.imports.columns import KIND_SCORES
from penilaian.selectors.exports import ExportQuery
from penilaian.selectors.periods import period_by_code
from penilaian.selectors.register import unit_from_code
from penilaian.services.exports import write_export


class Command(BaseCommand):
    help = "Export the scores of a period (CSV or XLSX, by the file's extension), as the BKPSDM page does."

    def add_arguments(self, parser):
        parser.add_argument("period", help="period code: 2025, 2025-T2 or 2025-07")
        parser.add_argument("file", help="where to write: a .csv or .xlsx file")
        parser.add_argument("--unit", default="", help="only this unit (by code) and its sub-units")

    def handle(self, *args, period, file, unit, **options):
        found = period_by_code(period)
        if found is None:
            raise CommandError(f"{period}: no such period")
        chosen = None
        if unit:
            chosen = unit_from_code(unit)
            if chosen is None:
                raise CommandError(f"{unit}: no such unit")
        path = Path(file)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError(f"{path.name}: the file name must end in .csv or .xlsx")
        with path.open("wb") as fh:
            rows = write_export(ExportQuery(kind=KIND_SCORES, period=found, unit=chosen), fmt, fh)
        self.stdout.write(f"{path}: {rows} rows")
