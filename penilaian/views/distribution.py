"""The distribution pattern and the period checklist: BKPSDM sets each unit's own predikat and
reads the checklist (units outside the pattern, open objections); the approver sees, before
finalising, each unit's distribution against its row and what breaks it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian import permissions
from penilaian.forms.fairness import UnitPredikatForm
from penilaian.models import Unit
from penilaian.selectors import appraisal as appraisal_selectors
from penilaian.selectors import checklist as checklist_selectors
from penilaian.selectors import distribution as distribution_selectors
from penilaian.selectors import objections as objection_selectors
from penilaian.selectors import periods as period_selectors
from penilaian.selectors.register import unit_roots
from penilaian.services import appraisal as appraisal_services
from penilaian.services import distribution as distribution_services
from portal.core.http import error_message
from portal.core.roles import require_hr

# The checklist's totals as the page names them (the command prints the keys).
TOTAL_LABELS = [
    ("expectations", gettext_lazy("Employees with expectations")), ("evidence", gettext_lazy("Evidence")),
    ("feedback_notes", gettext_lazy("Feedback notes")), ("multisource_responses", gettext_lazy("Answers from others")),
    ("acknowledged", gettext_lazy("Final appraisals acknowledged")), ("objections_decided", gettext_lazy("Objections decided")),
    ("objections_open", gettext_lazy("Objections open")), ("units_outside_pattern", gettext_lazy("Units outside the pattern")),
]


@login_required
@require_http_methods(["GET", "POST"])
def unit_predikat(request, code):
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    units = Unit.objects.filter(parent__isnull=True, is_active=True).order_by("name")
    form = UnitPredikatForm(request.POST or None, units=units,
                            current=distribution_selectors.organisation_predikats(period))
    if request.method == "POST" and form.is_valid():
        try:
            for unit, predikat in form.values():
                distribution_services.unit_predikat_set(unit=unit, period=period, predikat=predikat, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, _("The units' own predikat are saved."))
            return redirect("penilaian:period-checklist", code=code)
    return render(request, "penilaian/unit_predikat_form.html", {"form": form, "period": period})


@login_required
@require_GET
def period_checklist(request, code):
    """BKPSDM's checklist of the period: the same figures as ``manage.py period_report``."""
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    checklist = checklist_selectors.period_checklist(period)
    return render(request, "penilaian/period_checklist.html", {
        "period": period, "checklist": checklist,
        "totals": [(label, checklist.totals[key]) for key, label in TOTAL_LABELS],
        "outside": [u.distribution for u in checklist.units if u.distribution and u.distribution.outside],
        "open_objections": [o for o in objection_selectors.open_objections() if o.appraisal.period_id == period.pk],
    })


def _waiting(me, period):
    """The approver's waiting appraisals grouped by SKPK, each with its unit's distribution."""
    approvals = list(appraisal_selectors.approvals_waiting(me, period))
    roots = unit_roots()
    root_ids = {roots[a.unit_id].pk for a in approvals}
    by_root = {d.unit.pk: d for d in distribution_selectors.distributions(period, root_ids=root_ids, roots=roots)}
    groups: dict[int, dict] = {}
    for a in approvals:
        root = roots[a.unit_id]
        groups.setdefault(root.pk, {"unit": root, "distribution": by_root.get(root.pk), "appraisals": []})[
            "appraisals"].append(a)
    return sorted(groups.values(), key=lambda g: g["unit"].name)


@login_required
@require_GET
def approvals(request):
    """Before finalising: per unit, the appraisals waiting for this approver and the unit's
    distribution against the row of its own predikat, with what breaks it."""
    me = permissions.require_employee(request.user)
    period = period_selectors.period_by_code(request.GET.get("periode", "")) or period_selectors.current_period()
    groups = _waiting(me, period) if period else []
    if not groups and not permissions.is_supervisor(request.user):
        raise PermissionDenied
    return render(request, "penilaian/approvals.html", {"period": period, "groups": groups})


@login_required
@require_POST
def approvals_finalise(request):
    """Finalise the chosen appraisals waiting for this approver (each through the service)."""
    me = permissions.require_employee(request.user)
    if not permissions.is_supervisor(request.user):
        raise PermissionDenied
    period = period_selectors.period_or_404(request.POST.get("periode", ""))
    chosen = {int(pk) for pk in request.POST.getlist("appraisal") if pk.isdigit()}
    waiting = [a for a in appraisal_selectors.approvals_waiting(me, period) if a.pk in chosen]
    done = 0
    for appraisal in waiting:
        try:
            appraisal_services.appraisal_finalise(appraisal=appraisal, actor=request.user)
        except ValidationError as exc:
            messages.error(request, f"{appraisal.employee.full_name}: {error_message(exc)}")
        else:
            done += 1
    if done:
        messages.success(request, ngettext("%(n)d appraisal finalised.", "%(n)d appraisals finalised.", done) % {"n": done})
    return redirect(f"{reverse('penilaian:approvals')}?periode={period.code}")
