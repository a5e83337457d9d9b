"""Expectations at the start of a period: the supervisor sets a subordinate's RHK with targets
and behaviour expectations (one employee, or a group from one template, or starting from last
period's), and the employee acknowledges them.

Every service runs in one transaction, checks who acts (``AppraisalError`` with a code
otherwise) and leaves an audit record. A change to expectations the employee had acknowledged
clears the acknowledgement: they acknowledge the new version.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian import permissions
from penilaian.exceptions import AppraisalError
from penilaian.models import (
    AppraisalPeriod,
    Aspect,
    BehaviourExpectation,
    Employee,
    PerformancePlan,
    PeriodStatus,
    ResultTarget,
    WorkResult,
)
from penilaian.selectors import expectations as expectation_selectors
from portal.core.audit import record

MAX_RESULTS = 20


def require_responsible_supervisor(actor, employee: Employee, period: AppraisalPeriod) -> Employee:
    """The acting supervisor, when they are the one responsible for ``employee`` in ``period``
    (``AppraisalError(code="not_supervisor")`` otherwise), and the period is not closed."""
    me = permissions.employee_of(actor)
    if me is None or me.pk != expectation_selectors.responsible_supervisor_id(employee, period):
        raise AppraisalError(_("Only the employee's supervisor for this period can do this."), code="not_supervisor")
    if period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    return me


def _number(value) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise AppraisalError(_("A target must be a number greater than zero."), code="bad_target") from None
    if not number.is_finite() or number <= 0:
        raise AppraisalError(_("A target must be a number greater than zero."), code="bad_target")
    return number


def _snapshot(plan: PerformancePlan) -> tuple:
    results = tuple(
        (r.pk, r.title, r.supports_id, tuple(sorted((t.aspect, t.indicator, t.target, t.unit) for t in r.targets.all())))
        for r in plan.results.prefetch_related("targets").order_by("pk")
    )
    return results, tuple(sorted(plan.behaviours.values_list("value_id", "text")))


def _write_targets(result: WorkResult, targets: list[dict]) -> None:
    kept = set()
    for item in targets:
        aspect = item["aspect"]
        if aspect not in Aspect.values:
            raise AppraisalError(_("Unknown aspect."), code="bad_aspect")
        target, _created = ResultTarget.objects.update_or_create(
            result=result, aspect=aspect,
            defaults={"indicator": item["indicator"].strip(), "target": _number(item["target"]),
                      "unit": item["unit"].strip()},
        )
        target.full_clean()
        kept.add(aspect)
    result.targets.exclude(aspect__in=kept).delete()


def _write_result(plan: PerformancePlan, item: dict, order: int, allowed_supports: set[int]) -> None:
    existing = plan.results.filter(pk=item["id"]).first() if item.get("id") else None
    title = item.get("title", "").strip()
    if not title:
        if existing is not None:
            if existing.evidence.exists():
                raise AppraisalError(
                    _("“%(title)s” has evidence; it cannot be removed.") % {"title": existing.title}, code="has_evidence")
            existing.delete()
        return
    targets = [t for t in item.get("targets", []) if t.get("indicator", "").strip()]
    if not targets:
        raise AppraisalError(_("“%(title)s” needs at least one indicator with a target.") % {"title": title},
                             code="no_target")
    supports = item.get("supports_id") or None
    if supports is not None and int(supports) not in allowed_supports:
        raise AppraisalError(_("An RHK can only support one of the supervisor's own RHK."), code="bad_support")
    result = existing or WorkResult(plan=plan)
    result.title, result.supports_id, result.sort_order = title, supports, order
    result.full_clean()
    result.save()
    _write_targets(result, targets)


def _write_behaviours(plan: PerformancePlan, behaviours: dict[int, str]) -> None:
    values = {v.pk for v in expectation_selectors.behaviour_values()}
    for value_id, text in behaviours.items():
        if int(value_id) not in values:
            continue
        text = (text or "").strip()
        if text:
            BehaviourExpectation.objects.update_or_create(plan=plan, value_id=value_id, defaults={"text": text})
        else:
            plan.behaviours.filter(value_id=value_id).delete()


def _plan_for_update(employee: Employee, period: AppraisalPeriod, supervisor: Employee) -> PerformancePlan:
    plan, _created = PerformancePlan.objects.select_for_update().get_or_create(
        employee=employee, period=period, defaults={"supervisor": supervisor})
    return plan


def _finish(plan: PerformancePlan, before: tuple, supervisor: Employee, actor, action: str) -> PerformancePlan:
    changed = _snapshot(plan) != before
    if changed:
        plan.supervisor = supervisor
        plan.acknowledged_at = None
        plan.save()
        record(plan, action, actor=actor, data={"employee": plan.employee.nip, "period": plan.period.code,
                                                "results": plan.results.count(), "behaviours": plan.behaviours.count()})
    return plan


@transaction.atomic
def plan_save(*, employee: Employee, period: AppraisalPeriod, actor, results: list[dict],
              behaviours: dict[int, str]) -> PerformancePlan:
    """Set ``employee``'s expectations for ``period``: ``results`` is a list of RHK
    ({"id", "title", "supports_id", "targets": [{"aspect", "indicator", "target", "unit"}]}; an
    existing RHK with an empty title is removed unless it has evidence) and ``behaviours`` maps
    a BerAKHLAK value's id to the expectation (empty: none). Only the responsible supervisor,
    while the period is open. Raises ``AppraisalError`` (not_supervisor, closed, no_target,
    bad_target, bad_support, has_evidence, too_many)."""
    supervisor = require_responsible_supervisor(actor, employee, period)
    if len([r for r in results if r.get("title", "").strip()]) > MAX_RESULTS:
        raise AppraisalError(_("At most %(n)d RHK.") % {"n": MAX_RESULTS}, code="too_many")
    plan = _plan_for_update(employee, period, supervisor)
    before = _snapshot(plan)
    allowed = {r.pk for r in expectation_selectors.supervisor_results(employee, period)}
    for order, item in enumerate(results, start=1):
        _write_result(plan, item, order, allowed)
    _write_behaviours(plan, behaviours)
    return _finish(plan, before, supervisor, actor, "penilaian.expectations.set")


def plan_as_template(plan: PerformancePlan) -> tuple[list[dict], dict[int, str]]:
    """A plan's RHK (without ids, realisation or evidence) and behaviour expectations, in the
    shape ``plan_save`` takes."""
    results = [
        {"id": None, "title": r.title, "supports_id": None,
         "targets": [{"aspect": t.aspect, "indicator": t.indicator, "target": t.target, "unit": t.unit}
                     for t in r.targets.all()]}
        for r in plan.results.all()
    ]
    return results, {b.value_id: b.text for b in plan.behaviours.all()}


@transaction.atomic
def plan_copy_previous(*, employee: Employee, period: AppraisalPeriod, actor) -> PerformancePlan:
    """Start ``period``'s expectations from the employee's previous plan: its RHK, targets and
    behaviour expectations are added (an RHK whose title is already there is skipped).
    Raises ``AppraisalError`` (no_previous and those of ``plan_save``)."""
    previous = expectation_selectors.previous_plan(employee, period)
    if previous is None:
        raise AppraisalError(_("There are no expectations from an earlier period to start from."), code="no_previous")
    results, behaviours = plan_as_template(previous)
    return _apply_template(employee=employee, period=period, actor=actor, results=results, behaviours=behaviours,
                           action="penilaian.expectations.copy")


def _apply_template(*, employee, period, actor, results, behaviours, action) -> PerformancePlan:
    supervisor = require_responsible_supervisor(actor, employee, period)
    plan = _plan_for_update(employee, period, supervisor)
    before = _snapshot(plan)
    have = {t.strip().lower() for t in plan.results.values_list("title", flat=True)}
    order = plan.results.count()
    for item in results:
        if item["title"].strip().lower() in have:
            continue
        order += 1
        _write_result(plan, item, order, set())
    existing_values = set(plan.behaviours.values_list("value_id", flat=True))
    _write_behaviours(plan, {k: v for k, v in behaviours.items() if k not in existing_values})
    return _finish(plan, before, supervisor, actor, action)


@transaction.atomic
def plan_apply_to_group(*, period: AppraisalPeriod, actor, employees: list[Employee], results: list[dict],
                        behaviours: dict[int, str]) -> int:
    """Give several direct subordinates the same expectations at once (all teachers of a
    school): each gets the template's RHK (those whose title they already have are skipped) and
    the behaviour expectations they do not have yet. Returns how many it was applied to. Raises
    ``AppraisalError`` (no_employees and those of ``plan_save``)."""
    if not employees:
        raise AppraisalError(_("Choose at least one subordinate."), code="no_employees")
    if not any(r.get("title", "").strip() for r in results) and not any((t or "").strip() for t in behaviours.values()):
        raise AppraisalError(_("The template is empty."), code="empty_template")
    for employee in employees:
        _apply_template(employee=employee, period=period, actor=actor,
                        results=[r for r in results if r.get("title", "").strip()],
                        behaviours=behaviours, action="penilaian.expectations.group")
    return len(employees)


@transaction.atomic
def plan_acknowledge(*, plan: PerformancePlan, actor) -> PerformancePlan:
    """The employee has read their expectations: the date is kept. Raises ``AppraisalError``
    (not_owner, empty, already)."""
    plan = PerformancePlan.objects.select_for_update().select_related("employee", "period").get(pk=plan.pk)
    if plan.employee.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("Only the employee acknowledges their own expectations."), code="not_owner")
    if not plan.results.exists() and not plan.behaviours.exists():
        raise AppraisalError(_("There is nothing to acknowledge yet."), code="empty")
    if plan.acknowledged_at is not None:
        raise AppraisalError(_("You have already acknowledged these expectations."), code="already")
    plan.acknowledged_at = timezone.now()
    plan.save(update_fields=["acknowledged_at", "updated_at"])
    record(plan, "penilaian.expectations.acknowledge", actor=actor, data={"period": plan.period.code})
    return plan
