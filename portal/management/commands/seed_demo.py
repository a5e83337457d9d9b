"""Build the demo city: ``python manage.py seed_demo [--employees N] [--force]``.

Deterministic and idempotent: a second run creates nothing. Each app contributes its part
through its own services (``penilaian.demo``; later ``pelatihan.demo`` and ``home.demo``).
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from home import demo as home_demo
from home.workshop_demo import seed_workshop_pages
from pelatihan import demo_story
from pelatihan.demo import seed_training
from penilaian import demo as penilaian_demo
from penilaian.models import Employee
from portal.accounts.services import account_create_for_employee
from portal.core import roles

DEMO_ADMIN_EMAIL = "admin@portal.test"


class Command(BaseCommand):
    help = "Create the demo city (units, employees, demo accounts). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=3000, help="number of employees (default 3000)")
        parser.add_argument("--force", action="store_true", help="create demo accounts even when DEBUG is off")
        parser.add_argument("--no-accounts", action="store_true", help="do not create the demo accounts")
        parser.add_argument(
            "--skip-appraisals", action="store_true",
            help="only the register, accounts and content pages (no appraisals, no training)",
        )

    def handle(self, *args, employees, force, no_accounts, **options):
        started = time.monotonic()
        make_accounts = not no_accounts
        if make_accounts and not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is off. "
                "Use --force on a throw-away database, or --no-accounts."
            )
        try:
            result = penilaian_demo.seed_register(employees=employees)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Units created: {result['units_created']}; employees created: {result['employees_created']} "
            f"({Employee.objects.count()} in the register)."
        )
        accounts_created = self._demo_accounts(result["demo"]) if make_accounts else 0
        content = home_demo.seed_content()
        self.stdout.write(f"Content pages created: {content['pages_created']}.")
        if not options.get("skip_appraisals"):
            step = time.monotonic()
            # 2024 and 2025 first: the gaps the training story starts from.
            scores = penilaian_demo.seed_appraisals(years=(2024, 2025))
            # Training (issue 4): programmes, sessions, attendance, certificates; then their pages.
            training = seed_training()
            pages = seed_workshop_pages()
            self.stdout.write(
                f"Training: {training['programmes']} programmes and {training['sessions']} sessions created; "
                f"{pages} workshop pages."
            )
            # The Dinas Pendidikan story (issue 5): teachers with a 2025 literasi digital gap trained
            # in the second half of 2025; who completed it carries the effect into 2026.
            improved = demo_story.seed_story()
            scores |= penilaian_demo.seed_appraisals(years=(2026,), improved=improved)
            self.stdout.write(
                f"Appraisal periods created: {len(scores)} ({sum(scores.values())} scores) "
                f"in {time.monotonic() - step:.1f} s."
            )
            plans = demo_story.seed_coaching()
            story = demo_story.story_summary()
            if story.get("did") is not None:
                self.stdout.write(
                    f"Story: {story['programme']}: participants n={story['participants']} "
                    f"({story['participants_change']:+.2f}), comparison n={story['comparison']} "
                    f"({story['comparison_change']:+.2f}), difference in differences {story['did']:+.2f}; "
                    f"{plans} coaching plans created."
                )
        self.stdout.write(f"Demo accounts created: {accounts_created}. Took {time.monotonic() - started:.1f} s.")
        if make_accounts:
            self._print_logins(result["demo"])

    def _demo_accounts(self, demo: dict[str, str]) -> int:
        password = settings.PORTAL_DEMO_PASSWORD
        created = 0
        groups = {
            penilaian_demo.DEMO_TRAINER_EMAIL: roles.TRAINER_GROUP,
            penilaian_demo.DEMO_HR_EMAIL: roles.HR_GROUP,
        }
        for email, nip in demo.items():
            employee = Employee.objects.get(nip=nip)
            user, was_created = account_create_for_employee(employee=employee, password=password)
            created += was_created
            if email in groups:
                user.groups.add(Group.objects.get(name=groups[email]))
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            from allauth.account.models import EmailAddress

            admin = User.objects.create_superuser("admin", DEMO_ADMIN_EMAIL, password)
            EmailAddress.objects.create(user=admin, email=DEMO_ADMIN_EMAIL, verified=True, primary=True)
            created += 1
        return created

    def _print_logins(self, demo: dict[str, str]) -> None:
        password = settings.PORTAL_DEMO_PASSWORD
        rows = [
            ("pegawai", penilaian_demo.DEMO_EMPLOYEE_EMAIL, "employee (a teacher)"),
            ("atasan", penilaian_demo.DEMO_SUPERVISOR_EMAIL, "supervisor (that teacher's school head)"),
            ("fasilitator", penilaian_demo.DEMO_TRAINER_EMAIL, "trainer"),
            ("bkpsdm", penilaian_demo.DEMO_HR_EMAIL, "HR (BKPSDM)"),
            ("admin", DEMO_ADMIN_EMAIL, "superuser"),
        ]
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password: {password})"))
        for _role, email, what in rows:
            nip = demo.get(email)
            extra = f"  or NIP {nip}" if nip else ""
            self.stdout.write(f"  {email:<26} {what}{extra}")
