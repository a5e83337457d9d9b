"""``python manage.py send_reminders``: e-mail tomorrow's participants (idempotent; run it daily)."""

from django.core.management.base import BaseCommand

from pelatihan.services import notifications


class Command(BaseCommand):
    help = "E-mail a reminder to every confirmed participant of a meeting day tomorrow (once)."

    def handle(self, *args, **options):
        sent = notifications.send_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
