"""Expectations at the start of a period: the supervisor's pages to set a subordinate's RHK and
behaviour expectations (one at a time, from last period's, or for a group at once), and the
employee's acknowledgement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian import permissions
from penilaian.forms.fairness import GroupPlanForm, PlanForm
from penilaian.selectors import expectations as expectation_selectors
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors
from penilaian.services import expectations as expectation_services
from portal.core.http import error_message

from ._fetch import attempt, require_responsible, subject_for


def _record_url(period, employee):
    return redirect("penilaian:performance-record", code=period.code, nip=employee.nip)


@login_required
@require_GET
def team_expectations(request, code):
    """The supervisor's direct subordinates with the state of their expectations in the period."""
    me = permissions.require_employee(request.user)
    if not permissions.is_supervisor(request.user):
        raise PermissionDenied
    period = period_selectors.period_or_404(code)
    team = list(register_selectors.direct_subordinates(me))
    plans = expectation_selectors.team_plans([e.pk for e in team], period)
    return render(request, "penilaian/expectations_team.html",
                  {"period": period, "rows": [(e, plans.get(e.pk)) for e in team]})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    require_responsible(request.user, employee, period)
    plan = expectation_selectors.plan_for(employee, period)
    supports = expectation_selectors.supervisor_results(employee, period)
    form = PlanForm(request.POST or None, plan=plan, values=expectation_selectors.behaviour_values(), supports=supports)
    if request.method == "POST" and form.is_valid():
        try:
            expectation_services.plan_save(employee=employee, period=period, actor=request.user,
                                           results=form.results(), behaviours=form.behaviours())
        except ValidationError as exc:
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, _("Expectations saved. The employee is asked to acknowledge them."))
            return _record_url(period, employee)
    previous = expectation_selectors.previous_plan(employee, period)
    return render(request, "penilaian/expectations_form.html",
                  {"form": form, "subject": employee, "period": period, "previous": previous})


@login_required
@require_POST
def plan_copy(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    require_responsible(request.user, employee, period)
    attempt(request, lambda: expectation_services.plan_copy_previous(employee=employee, period=period, actor=request.user),
            _("Last period's expectations were copied; adjust them and save."))
    return redirect("penilaian:plan-edit", code=code, nip=nip)


@login_required
@require_http_methods(["GET", "POST"])
def plan_group(request, code):
    """One template for several direct subordinates (all teachers of a school)."""
    me = permissions.require_employee(request.user)
    if not permissions.is_supervisor(request.user):
        raise PermissionDenied
    period = period_selectors.period_or_404(code)
    team = list(register_selectors.direct_subordinates(me))
    form = GroupPlanForm(request.POST or None, team=team, values=expectation_selectors.behaviour_values())
    if request.method == "POST" and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["employees"]}
        try:
            n = expectation_services.plan_apply_to_group(
                period=period, actor=request.user, employees=[e for e in team if e.pk in chosen],
                results=form.results(), behaviours=form.behaviours())
        except ValidationError as exc:
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, ngettext("Expectations set for %(n)d subordinate.",
                                               "Expectations set for %(n)d subordinates.", n) % {"n": n})
            return redirect("penilaian:team-expectations", code=code)
    return render(request, "penilaian/expectations_group.html", {"form": form, "period": period})


@login_required
@require_POST
def plan_acknowledge(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    plan = expectation_selectors.plan_for(employee, period)
    if plan is None:
        raise PermissionDenied
    attempt(request, lambda: expectation_services.plan_acknowledge(plan=plan, actor=request.user),
            _("You acknowledged your expectations."))
    return _record_url(period, employee)
