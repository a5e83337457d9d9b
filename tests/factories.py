"""Small factory functions for tests. Valid NIPs are built from their parts."""

from __future__ import annotations

import datetime as dt
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from penilaian.models import Employee, EmployeeType, PositionKind, Unit, UnitKind

PASSWORD = "sandi-uji-2026!"
_seq = itertools.count(1)


def make_nip(*, birth=None, appointment="201505", gender=1, sequence=None) -> str:
    """A valid, unique PNS NIP: the birth date walks forward from 1970 with the counter."""
    n = sequence or next(_seq)
    if birth is None:
        birth = (dt.date(1970, 1, 1) + dt.timedelta(days=n % 9000)).strftime("%Y%m%d")
    return f"{birth}{appointment}{gender}{n // 9000 + 1:03d}"


def make_unit(name="Dinas Uji", *, code=None, kind=UnitKind.SKPK, parent=None) -> Unit:
    return Unit.objects.create(code=code or f"unit-{next(_seq)}", name=name, kind=kind, parent=parent)


def make_employee(*, unit=None, supervisor=None, name=None, nip=None, email=None, **extra) -> Employee:
    n = next(_seq)
    fields = {
        "nip": nip or make_nip(sequence=n),
        "employee_type": EmployeeType.PNS,
        "name": name or f"Pegawai Uji {n}",
        "position_name": "Pengadministrasi Perkantoran",
        "position_kind": PositionKind.PELAKSANA,
        "unit": unit or make_unit(),
        "supervisor": supervisor,
        "email": email if email is not None else f"pegawai{n}@uji.test",
    }
    fields.update(extra)
    employee = Employee(**fields)
    employee.full_clean()
    employee.save()
    return employee


def make_user(username=None, *, email=None, groups=(), password=PASSWORD, superuser=False):
    User = get_user_model()
    n = next(_seq)
    user = User.objects.create_user(
        username=username or f"user{n}", email=email or f"user{n}@uji.test", password=password
    )
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def give_account(employee: Employee, *, password=PASSWORD, groups=()):
    user = make_user(username=employee.nip, email=employee.email, groups=groups, password=password)
    employee.user = user
    employee.save(update_fields=["user"])
    return user
