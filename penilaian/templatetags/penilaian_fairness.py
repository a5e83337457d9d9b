"""Template tags that put the fair-appraisal pieces into pages other modules own — the
assessment form, the appraisal page and the dashboard — with one line each, reading through
the selectors (the pages' views stay as they are)."""

from __future__ import annotations

from django import template

from penilaian import permissions
from penilaian.models import AppraisalStatus, ObjectionStatus
from penilaian.selectors import attention as attention_selectors
from penilaian.selectors import distribution as distribution_selectors
from penilaian.selectors import documentation as documentation_selectors
from penilaian.selectors import objections as objection_selectors
from penilaian.selectors import periods as period_selectors
from portal.core import roles

register = template.Library()


@register.simple_tag
def assessment_fairness(appraisal, scores):
    """What the assessment form shows beside the ratings; each BerAKHLAK score row of
    ``scores`` gets ``fairness`` (expectation, notes, multi-source means)."""
    return documentation_selectors.assessment_context(appraisal, list(scores))


@register.inclusion_tag("penilaian/includes/appraisal_fairness.html", takes_context=True)
def appraisal_fairness(context, appraisal):
    """On the appraisal page: receipt and objection, and — for an assessed appraisal — its
    unit's distribution against the pattern, as the approver sees it before finalising."""
    receipt = getattr(appraisal, "receipt", None)  # None when the reverse one-to-one is missing
    objection = getattr(appraisal, "objection", None)
    distribution = None
    if appraisal.status == AppraisalStatus.ASSESSED:
        distribution = distribution_selectors.unit_distribution(appraisal.period, appraisal.unit)
    return {"appraisal": appraisal, "receipt": receipt, "objection": objection, "distribution": distribution,
            "under_objection": objection is not None and objection.status == ObjectionStatus.OPEN}


@register.inclusion_tag("penilaian/includes/dashboard_fairness.html", takes_context=True)
def dashboard_fairness(context):
    """The dashboard's card: final appraisals to acknowledge, objections, expectations to
    acknowledge and invitations to give input (employee); objections to decide (approver);
    open objections (BKPSDM)."""
    user = context["request"].user
    me = permissions.employee_of(user)
    period = context["current_period"] if "current_period" in context else period_selectors.current_period()
    result = {"employee": me, "period": period, "hr": roles.is_hr(user)}
    if me is not None:
        result.update(attention_selectors.attention_for(me, period))
    if result["hr"]:
        result["open_objections"] = len(objection_selectors.open_objections())
    return result
