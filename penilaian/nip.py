"""NIP (PNS) and NI PPPK: 18-digit employee numbers.

PNS:  YYYYMMDD YYYYMM G NNN — birth date, year+month of first appointment (TMT CPNS),
      gender (1 male, 2 female), sequence from 001.
PPPK: also 18 digits starting with the birth date, but digits 13–14 are not a month, so only
      the birth date, the gender digit and the sequence are checked.

The rules live here and nowhere else (the domain brief: keep facts marked *(check)* in one place).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PNS = "PNS"
PPPK = "PPPK"

# Nobody in service was born before this year, nor appointed before the republic's civil
# service numbering; a later year than the current one is a typo.
EARLIEST_BIRTH_YEAR = 1940
EARLIEST_APPOINTMENT_YEAR = 1960
MIN_AGE_AT_APPOINTMENT = 17


@dataclass(frozen=True)
class NipParts:
    birth_date: dt.date
    appointment_year: int
    appointment_month: int | None  # None for PPPK: digits 13–14 are not a month there
    gender: int  # 1 male, 2 female
    sequence: int


def normalise(raw: str) -> str:
    """Drop the spaces and dots people type between the groups, and the apostrophe a
    spreadsheet user types in front to keep the number as text."""
    return "".join(ch for ch in str(raw) if ch not in " .-\t'")


def parse(raw: str, employee_type: str = PNS) -> NipParts:
    """Validate an employee number and return its parts.

    Raises ``ValidationError`` (code ``length``, ``digits``, ``birth_date``, ``appointment``,
    ``gender`` or ``sequence``) with a message in the active language.
    """
    nip = normalise(raw)
    if not nip.isdigit() or not nip.isascii():
        raise ValidationError(_("NIP may contain digits only."), code="digits")
    if len(nip) != 18:
        raise ValidationError(
            _("NIP must be 18 digits long (got %(count)d)."), code="length", params={"count": len(nip)}
        )
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(_("The first 8 digits of the NIP are not a valid birth date."), code="birth_date") from None
    today = dt.date.today()
    if birth.year < EARLIEST_BIRTH_YEAR or birth > today:
        raise ValidationError(_("The first 8 digits of the NIP are not a valid birth date."), code="birth_date") from None

    year, month = int(nip[8:12]), int(nip[12:14])
    if employee_type == PNS:
        if not 1 <= month <= 12:
            raise ValidationError(
                _("Digits 13–14 of a PNS NIP must be the month of appointment (01–12)."), code="appointment"
            )
        if year < max(EARLIEST_APPOINTMENT_YEAR, birth.year + MIN_AGE_AT_APPOINTMENT) or (year, month) > (
            today.year,
            today.month,
        ):
            raise ValidationError(
                _("Digits 9–14 of the NIP are not a plausible year and month of appointment."),
                code="appointment",
            )
        appointment_month: int | None = month
    else:
        if year < max(EARLIEST_APPOINTMENT_YEAR, birth.year + MIN_AGE_AT_APPOINTMENT) or year > today.year:
            raise ValidationError(
                _("Digits 9–12 of the NI PPPK are not a plausible year of appointment."), code="appointment"
            )
        appointment_month = None

    gender = int(nip[14])
    if gender not in (1, 2):
        raise ValidationError(
            _("Digit 15 of the NIP is the gender and must be 1 (male) or 2 (female)."), code="gender"
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise ValidationError(_("The last 3 digits of the NIP (sequence) start at 001."), code="sequence")
    return NipParts(birth, year, appointment_month, gender, sequence)


def validate_nip(value: str, employee_type: str = PNS) -> None:
    parse(value, employee_type)


def problem(raw: str, employee_type: str | None = None) -> str | None:
    """What is wrong with an employee number, in the active language; None when it is well formed.

    The employee type decides the check. Without one (a score file names an employee only by
    number, and the type is known only once the register has them), the number is well formed
    when it passes either check, PNS or PPPK; when it passes neither, the message is the PNS
    check's, the usual kind, which names the first wrong group of digits.
    """
    types = (employee_type,) if employee_type else (PNS, PPPK)
    first = None
    for kind in types:
        try:
            parse(raw, kind)
        except ValidationError as exc:
            first = first or exc.messages[0]
        else:
            return None
    return first


def pppk_only(raw: str) -> bool:
    """Well formed as an NI PPPK but not as a PNS NIP (digits 13–14 are not a month)."""
    return problem(raw, PNS) is not None and problem(raw, PPPK) is None


def format_nip(nip: str) -> str:
    """``198609262015051001`` → ``19860926 201505 1 001``; anything else is returned as is."""
    nip = normalise(nip)
    if len(nip) != 18:
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


def mask_nip(nip: str) -> str:
    """For pages anyone can open (certificate verification): ``198609262015051001`` →
    ``198609** ****** 1 001``. The birth year and month, the gender digit and the sequence stay,
    so a verifier holding the person's ID can match them; the birth day and the appointment
    date are hidden, so the whole number is never published. Anything not 18 digits → ``***``."""
    nip = normalise(nip)
    if len(nip) != 18 or not nip.isdigit():
        return "***"
    return f"{nip[0:6]}** ****** {nip[14]} {nip[15:18]}"
