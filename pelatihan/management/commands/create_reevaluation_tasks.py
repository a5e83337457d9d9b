"""``python manage.py create_reevaluation_tasks``: create the level 3 re-evaluation tasks that are
due today (idempotent; run it daily, like ``send_reminders``)."""

import datetime as dt

from django.core.management.base import BaseCommand

from pelatihan.services import evaluation as evaluation_services


class Command(BaseCommand):
    help = "Create due re-evaluation tasks for the participants' direct supervisors (once per participant)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")

    def handle(self, *args, today=None, **options):
        result = evaluation_services.reevaluation_tasks_create(today=today)
        self.stdout.write(f"Re-evaluation tasks created: {result['created']}; reassigned: {result['reassigned']}")
