"""``python manage.py siasn_send --year YEAR [--unit CODE] [--dry-run DIR]`` and ``--retry-due``.

Without ``--dry-run`` it queues the year's pending records for SIASN (the background tasks send
them). With ``--dry-run DIR`` it sends nothing and writes the exact JSON it would post, one file per
batch (``siasn-kursus-YEAR-001.json`` …, each a JSON list of records), and lists the held records
on stderr with their reasons. ``--retry-due`` attempts the sends whose retry time has come (for a
scheduler or cron when the task backend cannot defer).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pelatihan.exceptions import TrainingError
from pelatihan.services import siasn as siasn_services
from penilaian.models import Unit


class Command(BaseCommand):
    help = "Send the year's verified development records to SIASN, or write them as JSON (--dry-run DIR)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Year of the development records.")
        parser.add_argument("--unit", default="", help="Code of a unit (with its sub-units); default every unit.")
        parser.add_argument("--dry-run", metavar="DIR", help="Write the JSON that would be sent into DIR; send nothing.")
        parser.add_argument("--batch-size", type=int, default=100, help="Records per JSON file (default 100).")
        parser.add_argument("--no-lookup", action="store_true",
                            help="In a dry run, do not look employees up in SIASN.")
        parser.add_argument("--retry-due", action="store_true", help="Attempt the sends whose retry is due.")

    def handle(self, *args, **options):
        if options["retry_due"]:
            self.stdout.write(f"Sends attempted: {siasn_services.send_due()}")
            return
        if not options["year"]:
            raise CommandError("Give --year (or --retry-due).")
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit has the code {options['unit']!r}.")
        if options["dry_run"]:
            self._dry_run(options["year"], unit, Path(options["dry_run"]), options["batch_size"], not options["no_lookup"])
            return
        try:
            result = siasn_services.queue(year=options["year"], unit=unit)
        except TrainingError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"queued={result.queued} held={result.held} sent={result.sent} failed={result.failed}")

    def _dry_run(self, year: int, unit, folder: Path, batch_size: int, lookup: bool) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        result = siasn_services.dry_run(year=year, unit=unit, lookup=lookup)
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"siasn-kursus-{year}" + (f"-{unit.code}" if unit else "")
        files = []
        for n, start in enumerate(range(0, len(result.records), batch_size), start=1):
            path = folder / f"{stem}-{n:03d}.json"
            batch = result.records[start:start + batch_size]
            path.write_text(json.dumps(batch, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            files.append(path)
        for nip, name, title, reason in result.held:
            self.stderr.write(f"held\t{nip}\t{name}\t{title}\t{reason}")
        self.stdout.write(
            f"records={len(result.records)} files={len(files)} held={len(result.held)} "
            f"already_sent={result.sent} failed={result.failed} dir={folder}"
        )
