"""Reads of receipts and objections: the deadline to object, an employee's final appraisals
waiting for acknowledgement, the objections an approver decides, BKPSDM's open objections with
their age, and the filter that keeps appraisals under objection out of matching."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from penilaian import rules
from penilaian.models import AppraisalReceipt, Employee, Objection, ObjectionStatus


def received_on(receipt: AppraisalReceipt) -> dt.date:
    """The day the employee received the final appraisal: when they acknowledged it, else when
    they were notified."""
    return timezone.localdate(receipt.acknowledged_at or receipt.notified_at)


def deadline(receipt: AppraisalReceipt) -> dt.date:
    return rules.objection_deadline(received_on(receipt), settings.PENILAIAN_OBJECTION_DAYS)


def under_objection(prefix: str = "") -> Q:
    """Rows whose appraisal (reached through ``prefix``, e.g. ``"appraisal__"``) has an open
    objection. Until it is decided such an appraisal feeds no matching and is marked in reports."""
    return Q(**{f"{prefix}objection__status": ObjectionStatus.OPEN})


def waiting_for(employee: Employee) -> dict:
    """For the dashboard: final appraisals not yet acknowledged, and the employee's objections
    (open or decided in the last 90 days)."""
    since = timezone.now() - dt.timedelta(days=90)
    return {
        "unacknowledged": list(
            AppraisalReceipt.objects.filter(appraisal__employee=employee, acknowledged_at__isnull=True)
            .select_related("appraisal__period").order_by("-notified_at")),
        "objections": list(
            Objection.objects.filter(appraisal__employee=employee)
            .filter(Q(status=ObjectionStatus.OPEN) | Q(decided_at__gte=since))
            .select_related("appraisal__period").order_by("-submitted_at")),
    }


def objections_for_handler(handler: Employee) -> QuerySet:
    return (Objection.objects.filter(handler=handler).select_related("appraisal__employee", "appraisal__period")
            .order_by("status", "submitted_at"))


def open_objections() -> list[Objection]:
    """BKPSDM's list: every open objection, oldest first, with its age in days."""
    today = timezone.localdate()
    rows = list(
        Objection.objects.filter(status=ObjectionStatus.OPEN)
        .select_related("appraisal__employee", "appraisal__period", "appraisal__unit", "handler")
        .order_by("submitted_at"))
    for objection in rows:
        objection.age_days = (today - timezone.localdate(objection.submitted_at)).days
    return rows


def recently_decided(limit: int = 50) -> list[Objection]:
    return list(
        Objection.objects.filter(status=ObjectionStatus.DECIDED)
        .select_related("appraisal__employee", "appraisal__period", "handler").order_by("-decided_at")[:limit])


def objection_detail(pk: int) -> Objection | None:
    return (Objection.objects.select_related(
        "appraisal__employee__unit", "appraisal__period", "appraisal__assessor", "appraisal__approver", "handler",
        "appraisal__receipt").filter(pk=pk).first())
