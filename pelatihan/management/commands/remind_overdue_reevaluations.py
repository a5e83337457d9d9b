"""``python manage.py remind_overdue_reevaluations``: e-mail each supervisor their overdue
re-evaluations (at most once a day per supervisor; the scheduler runs it at 07:30)."""

import datetime as dt

from django.core.management.base import BaseCommand

from pelatihan.services import evaluation as evaluation_services


class Command(BaseCommand):
    help = "E-mail every supervisor with overdue re-evaluations one list of them (once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")

    def handle(self, *args, today=None, **options):
        reminded = evaluation_services.overdue_reminders_send(today=today)
        self.stdout.write(f"Supervisors reminded: {reminded}")
