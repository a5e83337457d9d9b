"""Step 3 of an import: check every row against the keys and work out what changes — creates,
updates, rows left unchanged, and for scores the appraisals' new status and suggested perilaku
rating. Still no writes: a preview (dry run) stops after this step with the same counts.

Every error goes to ``LineErrors`` with its line; a file writes only when it has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from penilaian import nip as nip_rules
from penilaian import rules
from penilaian.models import (
    AppraisalPeriod,
    AppraisalStatus,
    Audience,
    Employee,
    EmployeeType,
    Indicator,
    IndicatorKind,
    PeriodStatus,
    Predikat,
    Rating,
)
from penilaian.selectors.catalogue import expected_level
from penilaian.services.register import EmployeeRow, employee_row_check
from portal.core.tables import formula_message

from .parse import EmployeeLine, IndicatorLine, ScoreLine
from .resolve import AppraisalState, EmployeeKey, EmployeeKeys, ScoreKeys
from .result import LineErrors

# --- Scores ---------------------------------------------------------------------------------------

AppraisalKey = tuple[int, int]  # (employee id, period id)


# (employee, period, indicator id, self score, supervisor score) of a row that passed the checks;
# a plain tuple like ``parse.ScoreLine``.
ValidScore = tuple[EmployeeKey, AppraisalPeriod, int, int | None, int | None]


@dataclass
class ScorePlan:
    valid: list[ValidScore]  # the rows that change a score
    new_appraisals: dict[AppraisalKey, AppraisalState] = field(default_factory=dict)
    appraisal_updates: list[AppraisalState] = field(default_factory=list)
    # ((employee id, period id), indicator id) → [self, supervisor, expected level] to store
    score_writes: dict[tuple[AppraisalKey, int], list] = field(default_factory=dict)
    # existing appraisal id → (suggested perilaku before, after), for the audit record
    suggestions: dict[int, tuple[str, str]] = field(default_factory=dict)
    subject: AppraisalPeriod | None = None  # the first period of the file: the audit record's object
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    appraisals_created: int = 0
    appraisals_updated: int = 0

    def appraisal(self, keys: ScoreKeys, akey: AppraisalKey) -> AppraisalState:
        return keys.appraisals.get(akey) or self.new_appraisals[akey]


def scores(lines: list[ScoreLine], keys: ScoreKeys, errors: LineErrors, *, open_draft: bool = False) -> ScorePlan:
    planned = ScorePlan(valid=[])
    planned.unchanged = _valid_scores(lines, keys, errors, planned, open_draft=open_draft)
    if errors:
        return planned
    _score_changes(planned, keys)
    _appraisal_changes(planned, keys)
    return planned


def _valid_scores(lines: list[ScoreLine], keys: ScoreKeys, errors: LineErrors, planned: ScorePlan, *,
                  open_draft: bool) -> int:
    """Check every row; the rows that change a score go to ``planned.valid``. Returns how many rows
    change nothing. Only a change is refused by the state of the period or the appraisal: the
    export of a closed period, or of a finalised appraisal, imports back as "nothing changes"."""
    seen: dict[tuple[str, str, str], int] = {}
    unchanged = 0
    employees, periods, indicators = keys.employees, keys.periods, keys.indicators  # locals: 100,000 rows
    appraisals, stored, valid = keys.appraisals, keys.scores, planned.valid
    for line, nip, code, period_code, self_score, supervisor_score in lines:
        employee = employees.get(nip) if nip else None
        period = periods.get(period_code) if period_code else None
        indicator = indicators.get(code) if code else None
        if nip and employee is None:
            errors.add(line, unknown_nip_message(nip))
        if code and indicator is None:
            errors.add(line, _("Unknown indicator code “%(code)s”.") % {"code": code[:60]})
        if period_code and period is None:
            errors.add(line, _("Unknown period “%(period)s” (use e.g. 2025, 2025-T2 or 2025-07).") % {"period": period_code[:20]})
        if nip and code and period_code:
            first = seen.setdefault((nip, code, period_code), line)
            if first != line:
                errors.add(line, _("This row repeats line %(line)s (same NIP, indicator and period).") % {"line": first})
        if line in errors:
            continue
        planned.subject = planned.subject or period
        appraisal = appraisals.get((employee.pk, period.pk))
        old = stored.get((appraisal.pk, indicator[0])) if appraisal is not None else None
        if old is None:
            changes = self_score is not None or supervisor_score is not None
        else:
            changes = (self_score is not None and self_score != old[0]) or (
                supervisor_score is not None and supervisor_score != old[1])
        if not changes:
            unchanged += 1
            continue
        refusal = _refusal(nip, period, appraisal, open_draft=open_draft)
        if refusal:
            errors.add(line, refusal)
        else:
            valid.append((employee, period, indicator[0], self_score, supervisor_score))
    return unchanged


def unknown_nip_message(nip: str) -> str:
    """A NIP the register lacks: what is wrong with the number when it is malformed (the
    register's own check), "not in the register" only for a well-formed one."""
    problem = nip_rules.problem(nip)
    if problem:
        return _("NIP %(nip)s is not valid: %(problem)s") % {"nip": nip[:30], "problem": problem}
    if nip_rules.pppk_only(nip):
        return _("NIP %(nip)s is not in the register (digits 13–14 are no month: it can only be an NI PPPK).") % {
            "nip": nip}
    return _("NIP %(nip)s is not in the register.") % {"nip": nip}


def _refusal(nip: str, period: AppraisalPeriod, appraisal: AppraisalState | None, *, open_draft: bool) -> str:
    """Why a row may not change a score here, or ""."""
    if period.status == PeriodStatus.CLOSED:
        return _("Period %(period)s is closed.") % {"period": period.code}
    if period.status == PeriodStatus.DRAFT and not open_draft:
        return _("Period %(period)s is still a draft: its appraisals are not open. Open the period first, or "
                 "tick “Open draft periods” when uploading (--open-draft for the command).") % {"period": period.code}
    if appraisal is None:
        return ""
    if appraisal.status == AppraisalStatus.FINALISED:
        return _("The appraisal of %(nip)s in %(period)s is finalised.") % {"nip": nip, "period": period.code}
    if appraisal.rated:
        return _("The supervisor has already rated the appraisal of %(nip)s in %(period)s (%(rating)s): its "
                 "scores change only on the assessment page.") % {
            "nip": nip, "period": period.code, "rating": _rating_label(appraisal.rated)}
    return ""


def _rating_label(value: str) -> str:
    for choices in (Predikat, Rating):
        if value in choices.values:
            return str(choices(value).label)
    return value


def _score_changes(planned: ScorePlan, keys: ScoreKeys) -> None:
    """Which scores to create or update; an empty cell keeps the stored score."""
    for employee, period, indicator_id, self_score, supervisor_score in planned.valid:
        akey = (employee.pk, period.pk)
        appraisal = keys.appraisals.get(akey) or planned.new_appraisals.get(akey)
        if appraisal is None:
            appraisal = planned.new_appraisals[akey] = AppraisalState(
                pk=None, status=AppraisalStatus.DRAFT, position_kind=employee.position_kind, suggested="",
                employee=employee, period=period,
            )
        old = keys.scores.get((appraisal.pk, indicator_id)) if appraisal.pk else None
        if old is None:
            expected = expected_level(keys.levels, indicator_id, appraisal.position_kind)
            planned.score_writes[(akey, indicator_id)] = [self_score, supervisor_score, expected]
            planned.created += 1
        else:
            planned.score_writes[(akey, indicator_id)] = [
                old[0] if self_score is None else self_score, old[1] if supervisor_score is None else supervisor_score,
                old[2],
            ]
            planned.updated += 1


def _appraisal_changes(planned: ScorePlan, keys: ScoreKeys) -> None:
    """Status and suggested perilaku rating of every appraisal the file changes, from its merged
    scores (the stored ones overlaid with the file's), by the rules the services use. Only an
    appraisal without the supervisor's ratings gets here (``_refusal``): its suggestion is
    recomputed, its status never goes back, and the change is listed in the import's audit
    record; it has no predikat yet, so none goes stale."""
    perilaku_ids = {pk for pk, kind in keys.indicators.values() if kind == IndicatorKind.PERILAKU}
    touched = {(employee.pk, period.pk) for employee, period, *_rest in planned.valid}
    merged = _merged_scores(planned, keys, touched)
    for akey in touched:
        appraisal = planned.appraisal(keys, akey)
        scores_ = merged.get(akey, {})
        appraisal.new_status = rules.status_after_scores(
            appraisal.status,
            has_self=any(v[0] is not None for v in scores_.values()),
            has_supervisor=any(v[1] is not None for v in scores_.values()),
        )
        appraisal.new_suggested = rules.suggest_perilaku(
            [(v[1], v[2]) for indicator_id, v in scores_.items() if indicator_id in perilaku_ids]
        ) or ""
        if appraisal.pk is None:
            planned.appraisals_created += 1
        elif appraisal.new_status != appraisal.status or appraisal.new_suggested != appraisal.suggested:
            planned.appraisal_updates.append(appraisal)
            planned.appraisals_updated += 1
            if appraisal.new_suggested != appraisal.suggested:
                planned.suggestions[appraisal.pk] = (appraisal.suggested, appraisal.new_suggested)


def _merged_scores(planned: ScorePlan, keys: ScoreKeys, touched: set[AppraisalKey]) -> dict[AppraisalKey, dict[int, list]]:
    merged: dict[AppraisalKey, dict[int, list]] = {}
    by_pk = {a.pk: akey for akey, a in keys.appraisals.items() if akey in touched}
    for (appraisal_id, indicator_id), values in keys.scores.items():
        akey = by_pk.get(appraisal_id)
        if akey is not None:
            merged.setdefault(akey, {})[indicator_id] = values
    for (akey, indicator_id), values in planned.score_writes.items():
        merged.setdefault(akey, {})[indicator_id] = values
    return merged


# --- Employees ------------------------------------------------------------------------------------


@dataclass
class EmployeePlan:
    rows: list[EmployeeRow] = field(default_factory=list)  # to create
    lines: dict[str, int] = field(default_factory=dict)  # NIP → its line
    unchanged: int = 0  # already in the register: the register pages edit them, not imports
    first_existing: str | None = None


def employees(lines: list[EmployeeLine], keys: EmployeeKeys, errors: LineErrors) -> EmployeePlan:
    planned = EmployeePlan()
    file_nips = {row.nip for row in lines if row.nip}
    seen_emails: dict[str, int] = {}
    for row in lines:
        if not _is_new_employee(row, keys, planned, errors):
            continue
        _check_employee(row, keys, file_nips, errors)
        if row.line in errors:
            continue
        candidate = EmployeeRow(
            key=row.nip, nip=row.nip, employee_type=row.employee_type or EmployeeType.PNS, name=row.name,
            position_name=row.position_name, position_kind=row.position_kind, unit=keys.units.get(row.unit.lower()),
            functional_level=row.functional_level or "", rank=row.rank, front_title=row.front_title,
            back_title=row.back_title, email=row.email, phone=row.phone, supervisor_key=row.supervisor or None,
        )
        if _employee_row_passes(candidate, row.line, keys, seen_emails, errors):
            planned.rows.append(candidate)
    return planned


def _is_new_employee(row: EmployeeLine, keys: EmployeeKeys, planned: EmployeePlan, errors: LineErrors) -> bool:
    if not row.nip:
        errors.add(row.line, _("NIP is empty."))
        return False
    if row.nip in planned.lines:
        errors.add(row.line, _("This row repeats NIP %(nip)s of line %(line)s.") % {"nip": row.nip, "line": planned.lines[row.nip]})
        return False
    planned.lines[row.nip] = row.line
    if row.nip in keys.in_register:
        planned.unchanged += 1
        planned.first_existing = planned.first_existing or row.nip
        return False
    return True


def _check_employee(row: EmployeeLine, keys: EmployeeKeys, file_nips: set[str], errors: LineErrors) -> None:
    line = row.line
    if keys.units.get(row.unit.lower()) is None:
        errors.add(line, _("Unknown unit code “%(code)s”.") % {"code": row.unit[:60]})
    if row.employee_type is None:
        errors.add(line, _("Employee type must be PNS or PPPK."))
    if not row.position_kind:
        errors.add(line, _("Unknown position kind “%(value)s”.") % {"value": row.position_kind_text[:40]})
    if row.functional_level is None:
        errors.add(line, _("Unknown functional level “%(value)s”.") % {"value": row.functional_level_text[:40]})
    if row.supervisor and row.supervisor == row.nip:
        errors.add(line, _("An employee cannot supervise themselves."))
    elif row.supervisor and row.supervisor not in keys.in_register and row.supervisor not in file_nips:
        problem = nip_rules.problem(row.supervisor)
        errors.add(line, _("Supervisor NIP %(nip)s is not valid: %(problem)s") % {"nip": row.supervisor[:30], "problem": problem}
                   if problem else
                   _("Supervisor NIP %(nip)s is neither in the register nor in the file.") % {"nip": row.supervisor})


def _employee_row_passes(
    candidate: EmployeeRow, line: int, keys: EmployeeKeys, seen_emails: dict[str, int], errors: LineErrors
) -> bool:
    try:
        employee_row_check(candidate)  # the same checks as services.register.employee_create, no query per row
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = Employee._meta.get_field(name).verbose_name if name != "__all__" else ""
            for message in messages:
                errors.add(line, f"{label}: {message}" if label else message)
        return False
    if candidate.email:
        if candidate.email in keys.emails_taken:
            errors.add(line, _("E-mail %(email)s is already used.") % {"email": candidate.email})
            return False
        if candidate.email in seen_emails:
            errors.add(line, _("E-mail %(email)s repeats line %(line)s.") % {"email": candidate.email, "line": seen_emails[candidate.email]})
            return False
        seen_emails[candidate.email] = line
    return True


# --- Indicators -----------------------------------------------------------------------------------

INDICATOR_FIELDS = ["name", "kind", "description", "expected_level", "audience", "sort_order", "is_active"]


@dataclass
class IndicatorPlan:
    file_codes: set[str]
    creates: list[tuple[Indicator, str]] = field(default_factory=list)  # (indicator, parent code)
    updates: list[tuple[Indicator, str]] = field(default_factory=list)
    unchanged: int = 0


def indicators(lines: list[IndicatorLine], current: dict[str, Indicator], errors: LineErrors) -> IndicatorPlan:
    planned = IndicatorPlan(file_codes={row.code for row in lines})
    seen: dict[str, int] = {}
    for row in lines:
        if not row.code:
            errors.add(row.line, _("Indicator code is empty."))
            continue
        if row.code in seen:
            errors.add(row.line, _("This row repeats indicator %(code)s of line %(line)s.") % {"code": row.code, "line": seen[row.code]})
            continue
        seen[row.code] = row.line
        _check_indicator(row, current, planned.file_codes, errors)
        if row.line not in errors:
            _plan_indicator(row, current, planned, errors)
    return planned


def _check_indicator(row: IndicatorLine, current: dict[str, Indicator], file_codes: set[str], errors: LineErrors) -> None:
    line = row.line
    if not row.kind:
        errors.add(line, _("Unknown indicator kind “%(value)s”.") % {"value": row.kind_text[:40]})
    if row.audience is None:
        errors.add(line, _("Unknown audience “%(value)s”.") % {"value": row.audience_text[:40]})
    if row.is_active is None:
        errors.add(line, _("Active must be 1 or 0 (ya/tidak)."))
    for column, number, raw in (("expected_level", row.expected_level, row.expected_level_text),
                                ("sort_order", row.sort_order, row.sort_order_text)):
        if number is None and raw.startswith("="):
            errors.add(line, f"{column}: {formula_message(raw)}")
        elif number is None:
            errors.add(line, _("%(column)s “%(value)s” is not a whole number.") % {"column": column, "value": raw[:20]})
    if not 1 <= (3 if row.expected_level is None else row.expected_level) <= 5:
        errors.add(line, _("The expected level must be 1 to 5."))
    if row.parent and row.parent not in current and row.parent not in file_codes:
        errors.add(line, _("Unknown parent indicator “%(code)s”.") % {"code": row.parent[:60]})
    elif row.parent == row.code:
        errors.add(line, _("An indicator cannot be its own parent."))


def _plan_indicator(row: IndicatorLine, current: dict[str, Indicator], planned: IndicatorPlan, errors: LineErrors) -> None:
    values = {
        "name": row.name, "kind": row.kind, "description": row.description, "expected_level": row.expected_level,
        "audience": row.audience or Audience.ALL, "sort_order": row.sort_order, "is_active": row.is_active,
    }
    indicator = current.get(row.code)
    is_new = indicator is None
    if is_new:
        indicator = Indicator(code=row.code)
    changed = is_new or any(getattr(indicator, k) != v for k, v in values.items())
    old_parent = indicator.parent.code if (not is_new and indicator.parent_id) else ""
    if not is_new and old_parent != row.parent:
        changed = True
    if not changed:
        planned.unchanged += 1
        return
    for k, v in values.items():
        setattr(indicator, k, v)
    try:
        indicator.clean_fields(exclude=["parent", "code"] if not is_new else ["parent"])
        indicator.clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                errors.add(row.line, f"{name}: {message}")
        return
    (planned.creates if is_new else planned.updates).append((indicator, row.parent))
