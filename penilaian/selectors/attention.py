"""What needs an employee's attention in the fair-appraisal steps, for the dashboard: final
appraisals to acknowledge, their objections, expectations to acknowledge, invitations to give
input and objections to decide. One query says what there is (subqueries over one row); the
lists are read only for what exists, so a dashboard with nothing pending pays one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone

from penilaian.models import (
    AppraisalPeriod,
    AppraisalReceipt,
    BehaviourExpectation,
    Employee,
    Objection,
    ObjectionStatus,
    PerformancePlan,
    RaterInvitation,
    WorkResult,
)

from . import multisource as multisource_selectors
from . import objections as objection_selectors

RECENT_DECISION_DAYS = 90


def _plans_to_acknowledge(period: AppraisalPeriod | None):
    has_content = Exists(WorkResult.objects.filter(plan=OuterRef("pk"))) | Exists(
        BehaviourExpectation.objects.filter(plan=OuterRef("pk")))
    return PerformancePlan.objects.filter(period=period, acknowledged_at__isnull=True).filter(has_content)


def attention_for(employee: Employee, period: AppraisalPeriod | None) -> dict:
    since = timezone.now() - dt.timedelta(days=RECENT_DECISION_DAYS)
    receipts = AppraisalReceipt.objects.filter(appraisal__employee=OuterRef("pk")).filter(
        Q(acknowledged_at__isnull=True) | Q(appraisal__objection__status=ObjectionStatus.OPEN)
        | Q(appraisal__objection__decided_at__gte=since))
    flags = Employee.objects.filter(pk=employee.pk).annotate(
        has_receipts=Exists(receipts),
        has_plan=Exists(_plans_to_acknowledge(period).filter(employee=OuterRef("pk"))) if period else Value(False),
        has_invitations=Exists(RaterInvitation.objects.filter(rater=OuterRef("pk"), used=False,
                                                              expires_at__gt=timezone.now())),
        has_to_decide=Exists(Objection.objects.filter(handler=OuterRef("pk"), status=ObjectionStatus.OPEN)),
    ).values("has_receipts", "has_plan", "has_invitations", "has_to_decide").first() or {}
    result = {"unacknowledged": [], "objections": [], "plan_to_acknowledge": None, "invitations": [], "to_decide": []}
    if flags.get("has_receipts"):
        result.update(objection_selectors.waiting_for(employee))
    if flags.get("has_plan"):
        result["plan_to_acknowledge"] = _plans_to_acknowledge(period).filter(employee=employee).select_related(
            "period").first()
    if flags.get("has_invitations"):
        result["invitations"] = multisource_selectors.pending_for(employee)
    if flags.get("has_to_decide"):
        result["to_decide"] = list(objection_selectors.objections_for_handler(employee).filter(status=ObjectionStatus.OPEN))
    return result
