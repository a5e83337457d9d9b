"""The demo register: units, employees and the demo accounts, written through the services.

Idempotent: units are ensured by code, employees skipped by NIP and accounts by e-mail, so a
second run creates nothing. The plan itself (who works where, under whom) is ``city.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from penilaian.models import Employee, Unit, UnitKind
from penilaian.services.register import employees_bulk_create, unit_ensure
from portal.accounts.services import account_create_for_employee
from portal.core import roles

from .city import REGISTER, CityPlanner, division_code, puskesmas_units, school_divisions, school_units, skpk_units

LOGINS = {login["key"]: login for login in REGISTER["logins"]}
DEMO_EMPLOYEE_EMAIL = LOGINS["employee"]["email"]
DEMO_SUPERVISOR_EMAIL = LOGINS["supervisor"]["email"]
DEMO_TRAINER_EMAIL = LOGINS["trainer"]["email"]
DEMO_HR_EMAIL = LOGINS["hr"]["email"]
DEMO_ADMIN_EMAIL = LOGINS["admin"]["email"]
# The demo logins' domain: the demo's own pools of participants leave these people out.
LOGIN_DOMAIN = REGISTER["login_domain"]
GROUPS = {"trainer": roles.TRAINER_GROUP, "hr": roles.HR_GROUP}


@dataclass(frozen=True)
class Login:
    email: str
    what: str
    nip: str | None


def ensure_units() -> tuple[dict[str, Unit], int]:
    """Create the unit tree (idempotent). Returns units by code and how many were created."""
    existing = {u.code: u for u in Unit.objects.all()}
    created = 0

    def ensure(code, name, kind, parent=None, short=""):
        nonlocal created
        if code in existing:
            return existing[code]
        unit, was_created = unit_ensure(code=code, name=name, kind=kind, parent=parent, short_name=short)
        created += was_created
        existing[code] = unit
        return unit

    for skpk in skpk_units():
        parent = ensure(skpk.code, skpk.name, UnitKind.SKPK, short=skpk.short)
        for division in skpk.divisions:
            kind = UnitKind.BAGIAN if division.startswith(("Bagian", "Inspektur")) else UnitKind.BIDANG
            ensure(division_code(skpk.code, division), division, kind, parent=parent)
    kabid = {level: existing[code] for level, code in school_divisions().items()}
    for code, name, level, _kec in school_units():
        ensure(code, name, UnitKind.SEKOLAH, parent=kabid[level])
    for code, name in puskesmas_units():
        ensure(code, name, UnitKind.PUSKESMAS, parent=existing["dinkes"])
    return existing, created


def seed_register(*, employees: int) -> dict:
    """Build (or complete) the demo register; returns counts and the demo people's NIPs.
    Raises ``city.CityTooSmall`` when ``employees`` does not fill the fixed structure."""
    units, units_created = ensure_units()
    plan = CityPlanner(employees=employees, units=units).plan()
    created = employees_bulk_create(rows=plan.rows)
    return {"units_created": units_created, "employees_created": len(created), "demo": plan.demo}


def seed_accounts(demo: dict[str, str]) -> int:
    """Accounts for the demo people (``demo``: e-mail → NIP) with their roles, and the superuser,
    all with the demo password. Returns how many were created (0 on a second run)."""
    password = settings.PORTAL_DEMO_PASSWORD
    groups = {login["email"]: GROUPS[login["group"]] for login in LOGINS.values() if "group" in login}
    created = 0
    for email, nip in demo.items():
        employee = Employee.objects.get(nip=nip)
        user, was_created = account_create_for_employee(employee=employee, password=password)
        created += was_created
        if email in groups:
            user.groups.add(Group.objects.get(name=groups[email]))
    admin = LOGINS["admin"]
    User = get_user_model()
    if not User.objects.filter(username=admin["username"]).exists():
        user = User.objects.create_superuser(admin["username"], admin["email"], password)
        EmailAddress.objects.create(user=user, email=admin["email"], verified=True, primary=True)
        created += 1
    return created


def logins(demo: dict[str, str]) -> list[Login]:
    """The demo logins in the order ``seed_demo`` prints them, with the NIP of each person."""
    return [Login(email=login["email"], what=login["what"], nip=demo.get(login["email"])) for login in LOGINS.values()]
