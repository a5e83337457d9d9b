"""``python manage.py period_report PERIOD [--language en]``

BKPSDM's period checklist on the terminal: per top-level unit (SKPK), completion, the
distribution against the row of the unit's own predikat, expectations set, the acknowledgement
rate of final appraisals handed over through the portal, and objections open and decided. The
last line is always

    expectations=<n> evidence=<n> feedback_notes=<n> multisource_responses=<n> acknowledged=<n> objections_decided=<n> objections_open=<n> units_outside_pattern=<n>

``PERIOD`` is a period code: ``2026`` (annual), ``2026-T2`` (quarter), ``2026-07`` (month).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from penilaian.selectors import checklist as checklist_selectors
from penilaian.selectors import periods as period_selectors


def _percent(rate) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


class Command(BaseCommand):
    help = "Print BKPSDM's checklist of an appraisal period, per unit, with a summary last line."

    def add_arguments(self, parser):
        parser.add_argument("period", help="period code: 2026, 2026-T2 or 2026-07")
        parser.add_argument("--language", default=None, help="language of the labels (id or en)")

    def handle(self, *args, period, language, **options):
        found = period_selectors.period_by_code(period)
        if found is None:
            raise CommandError(f"{period}: no such period")
        with translation.override(language or translation.get_language() or "id"):
            checklist = checklist_selectors.period_checklist(found)
            self.stdout.write(f"{found.name} ({found.code}) — {found.get_status_display()}")
            for row in checklist.units:
                self.stdout.write(self._unit_line(row))
        self.stdout.write(checklist.summary_line())

    @staticmethod
    def _unit_line(row) -> str:
        d = row.distribution
        if d is None or not d.organisation_predikat:
            pattern = _("own predikat not set")
        elif d.outside:
            pattern = _("%(predikat)s: OUTSIDE the pattern — %(problems)s") % {
                "predikat": d.organisation_predikat_label, "problems": " ".join(d.problems())}
        else:
            pattern = _("%(predikat)s: within the pattern") % {"predikat": d.organisation_predikat_label}
        counts = " ".join(f"{r['label']}={r['n']}" for r in d.rows()) if d else ""
        return (
            f"{row.unit.label}: "
            + _("completion %(c)s (%(done)d/%(n)d)") % {"c": _percent(row.completion), "done": row.done, "n": row.appraisals}
            + "; " + _("expectations %(c)s (%(n)d, %(ack)d acknowledged)") % {
                "c": _percent(row.expectations_rate), "n": row.expectations, "ack": row.expectations_acknowledged}
            + "; " + _("final appraisals acknowledged %(c)s (%(ack)d/%(n)d)") % {
                "c": _percent(row.acknowledgement_rate), "ack": row.acknowledged, "n": row.handed_over}
            + "; " + _("objections open %(open)d, decided %(decided)d") % {
                "open": row.objections_open, "decided": row.objections_decided}
            + f"; {counts}; {pattern}"
        )
