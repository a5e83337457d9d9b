"""BKPSDM's (HR's) pages: the register, appraisal periods and their phases, and the gaps of a
period by indicator, unit and position kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from penilaian import rules
from penilaian.exceptions import AppraisalError
from penilaian.forms.appraisal import PeriodForm
from penilaian.models import AppraisalPeriod, PositionKind
from penilaian.selectors import gaps as gap_selectors
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors
from penilaian.services import periods as period_services
from portal.core.roles import require_hr


@login_required
@require_GET
def employee_list(request):
    """HR's register: search by name, position or NIP; filter by unit (with its sub-units)."""
    require_hr(request.user)
    unit = register_selectors.unit_from_param(request.GET.get("unit"))
    qs = register_selectors.employee_list(search=request.GET.get("q", ""), unit=unit)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "penilaian/employee_list.html",
        {"page": page, "units": register_selectors.unit_tree(), "unit": unit, "q": request.GET.get("q", "")},
    )


# --- Periods --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request):
    require_hr(request.user)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = period_services.period_create(actor=request.user, **form.cleaned_data)
        except AppraisalError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Period created."))
            return redirect("penilaian:period-detail", code=period.code)
    return render(request, "penilaian/period_list.html", {"periods": AppraisalPeriod.objects.all(), "form": form})


@login_required
@require_GET
def period_detail(request, code):
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    return render(
        request,
        "penilaian/period_detail.html",
        {"period": period, "overview": period_selectors.period_overview(period),
         "next_status": rules.PERIOD_FLOW.get(period.status)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_advance(request, code):
    """Moving a period on cannot be undone, so it takes two steps: the confirmation page names the
    next phase and what it locks, in live figures; only a POST carrying ``confirm`` (sent by that
    page's button) moves the period. Any other POST shows the confirmation again, changing nothing."""
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    preview = period_selectors.advance_preview(period)
    if preview is None:
        messages.info(request, _("This period is closed; it has no next phase."))
        return redirect("penilaian:period-detail", code=code)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            period_services.period_advance(period=period, to_status=request.POST.get("to", ""), actor=request.user)
        except AppraisalError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Period status changed."))
        return redirect("penilaian:period-detail", code=code)
    return render(request, "penilaian/period_advance.html", {"period": period, "preview": preview})


@login_required
@require_GET
def period_gaps(request, code):
    """Indicators ranked by how many employees have a gap, by unit and position kind."""
    require_hr(request.user)
    period = period_selectors.period_or_404(code)
    unit = register_selectors.unit_from_param(request.GET.get("unit"))
    position_kind = register_selectors.position_kind_from_param(request.GET.get("jabatan"))
    return render(
        request,
        "penilaian/period_gaps.html",
        {
            "period": period,
            "ranking": gap_selectors.indicators_ranked_by_gap(period, unit=unit, position_kind=position_kind or None),
            "units": register_selectors.unit_tree(), "unit": unit, "position_kind": position_kind,
            "position_kinds": PositionKind.choices, "per_unit": gap_selectors.gaps_per_unit(period),
        },
    )
