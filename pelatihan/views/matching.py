"""Needs analysis (AKPK), matching, invitations. HR only, except the employee's own "decline"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from penilaian.models import Employee, Indicator, PositionKind
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors
from portal.core.http import error_message, safe_next
from portal.core.roles import require_hr

from ..exceptions import TrainingError
from ..matching.engine import WEIGHTS
from ..models import Session
from ..selectors import matching as matching_selectors
from ..selectors import needs as needs_selectors
from ..services import matching as matching_services
from ._fetch import invitation_for_invitee

PAGE_SIZE = 50
# Each matching row carries up to three sessions with their reasons: 20 rows keep a phone's page
# short enough to review, and the sticky bar's buttons act on this page's ticks.
MATCHING_PAGE_SIZE = 20
MAX_PAIRS = 500


def _filters(request) -> dict:
    unit = register_selectors.unit_from_param(request.GET.get("unit"))
    position_kind = register_selectors.position_kind_from_param(request.GET.get("jabatan"))
    return {"unit": unit, "position_kind": position_kind or None}


def _filter_context(filters: dict) -> dict:
    return {
        "unit": filters["unit"], "position_kind": filters["position_kind"] or "",
        "units": register_selectors.unit_tree(), "position_kinds": PositionKind.choices,
    }


@login_required
@require_GET
def needs_latest(request):
    """``/pelatihan/kebutuhan/``: the needs analysis of the latest period with supervisor scores."""
    require_hr(request.user)
    period = needs_selectors.latest_assessed_period()
    if period is None:
        return render(request, "pelatihan/needs_analysis.html", {"period": None, "rows": []})
    return redirect("pelatihan:needs-analysis", code=period.code)


@login_required
@require_GET
def needs_analysis(request, code):
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    filters = _filters(request)
    rows = needs_selectors.needs_analysis(period, **filters)
    return render(request, "pelatihan/needs_analysis.html", {
        "period": period, "rows": rows, **_filter_context(filters),
    })


@login_required
@require_GET
def needs_indicator(request, code, indicator):
    """Drill-down: the employees with a gap on one indicator; HR selects and acts."""
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    indicator = get_object_or_404(Indicator, code=indicator)
    filters = _filters(request)
    page = Paginator(needs_selectors.employees_with_gap(period, indicator, **filters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    scores = list(page.object_list)
    state = needs_selectors.service_state(period, indicator, [s.appraisal.employee_id for s in scores])
    for score in scores:
        score.state = state[score.appraisal.employee_id]
    return render(request, "pelatihan/needs_indicator.html", {
        "period": period, "indicator": indicator, "page": page, "scores": scores,
        "sessions": needs_selectors.sessions_for_indicator(indicator), **_filter_context(filters),
    })


@login_required
@require_GET
def matching_list(request, code):
    """For each employee with gaps, the best sessions with the reason; HR ticks and acts."""
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    filters = _filters(request)
    rows = matching_selectors.match_period(period, **filters)
    page = Paginator(rows, MATCHING_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = matching_selectors.attach_employees(list(page.object_list))
    invited = matching_selectors.invitations_by_pair([r.employee_id for r in shown])
    for row in shown:
        for m in row.matches:
            m.invitation_status = invited.get((row.employee_id, m.candidate.pk))
    return render(request, "pelatihan/matching_list.html", {
        "period": period, "page": page, "rows": shown, "total": len(rows),
        "with_match": sum(1 for r in rows if r.top), "weights": WEIGHTS, **_filter_context(filters),
    })


@login_required
@require_GET
def matching_latest(request):
    require_hr(request.user)
    period = needs_selectors.latest_assessed_period()
    if period is None:
        return redirect("pelatihan:needs-latest")
    return redirect("pelatihan:matching-list", code=period.code)


def _pairs(post) -> list[tuple[Employee, Session]]:
    """The selected (employee, session) pairs: ``pair`` values "employee:session" (matching
    page), or ``employee`` values with one ``session`` (drill-down)."""
    raw: list[tuple[int, int]] = []
    for value in post.getlist("pair"):
        left, _sep, right = value.partition(":")
        if left.isdigit() and right.isdigit():
            raw.append((int(left), int(right)))
    session_id = post.get("session", "")
    if session_id.isdigit():
        raw.extend((int(e), int(session_id)) for e in post.getlist("employee") if e.isdigit())
    raw = list(dict.fromkeys(raw))[:MAX_PAIRS]
    employees = Employee.objects.select_related("unit").in_bulk({e for e, _s in raw})
    sessions = (
        Session.objects.select_related("programme").prefetch_related("days", "eligible_units").in_bulk({s for _e, s in raw})
    )
    return [(employees[e], sessions[s]) for e, s in raw if e in employees and s in sessions]


@login_required
@require_POST
def matching_act(request):
    """Invite or enrol the selected employees; report confirmed / waiting / skipped and why."""
    require_hr(request.user)
    action = request.POST.get("action")
    if action not in ("invite", "enrol"):
        return HttpResponseBadRequest(_("Unknown action."))
    period = period_selectors.period_by_code(request.POST.get("period", ""))
    back = safe_next(request, reverse("pelatihan:needs-latest"))
    pairs = _pairs(request.POST)
    if not pairs:
        messages.error(request, _("Select at least one employee (and a session)."))
        return redirect(back)
    try:
        if action == "invite":
            result = matching_services.invite(pairs=pairs, actor=request.user, period=period)
            messages.success(request, ngettext("%(n)s employee invited.", "%(n)s employees invited.",
                                               len(result.invited)) % {"n": len(result.invited)})
        else:
            result = matching_services.enrol(pairs=pairs, actor=request.user)
            messages.success(request, _("Enrolled: %(confirmed)s confirmed, %(waiting)s on the waiting list.") % {
                "confirmed": len(result.confirmed), "waiting": len(result.waiting)})
    except TrainingError as exc:
        messages.error(request, error_message(exc))
        return redirect(back)
    if result.skipped:
        reasons = ", ".join(f"{reason}: {n}" for reason, n in result.skipped_reasons().items())
        messages.warning(request, ngettext("%(n)s skipped (%(reasons)s).", "%(n)s skipped (%(reasons)s).",
                                           len(result.skipped)) % {"n": len(result.skipped), "reasons": reasons})
    return redirect(back)


@login_required
@require_POST
def invitation_decline(request, pk):
    invitation = invitation_for_invitee(request.user, pk)
    try:
        matching_services.invitation_decline(invitation=invitation, actor=request.user)
    except TrainingError as exc:
        messages.error(request, error_message(exc))
    else:
        messages.info(request, _("Invitation declined."))
    return redirect(safe_next(request, reverse("portal:dashboard")))
