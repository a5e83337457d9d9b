"""Build the demo city: ``python manage.py seed_demo [--employees N] [--today YYYY-MM-DD] [--force]``.

A thin command over ``portal.demo.builder.build``: deterministic for a given day and idempotent
(a second run creates nothing). Every date is counted from today (or ``--today``). Demo accounts
share one known password, so they are refused while DEBUG is off unless ``--force`` says the
database is a throw-away one.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import builder
from portal.demo.city import CityTooSmall


class Command(BaseCommand):
    help = "Create the demo city (units, employees, demo accounts). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=3000, help="number of employees (default 3000)")
        parser.add_argument("--force", action="store_true", help="create demo accounts even when DEBUG is off")
        parser.add_argument("--no-accounts", action="store_true", help="do not create the demo accounts")
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None,
            help="the day every demo date is counted from (YYYY-MM-DD; default: today)",
        )
        parser.add_argument(
            "--skip-appraisals", action="store_true",
            help="only the register, accounts and content pages (no appraisals, no training)",
        )

    def handle(self, *args, employees, force, no_accounts, skip_appraisals, today=None, **options):
        make_accounts = not no_accounts
        if make_accounts and not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is off. "
                "Use --force on a throw-away database, or --no-accounts."
            )
        try:
            logins = builder.build(
                employees=employees, accounts=make_accounts, appraisals=not skip_appraisals, today=today,
                log=self.stdout.write,
            )
        except CityTooSmall as exc:
            raise CommandError(str(exc)) from exc
        if make_accounts:
            self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password: {settings.PORTAL_DEMO_PASSWORD})"))
            for login in logins:
                extra = f"  or NIP {login.nip}" if login.nip else ""
                self.stdout.write(f"  {login.email:<26} {login.what}{extra}")
