"""Views of intensive coaching (pembinaan intensif): the supervisor's team and plans, meetings
and their record, the coached employee's feedback, HR's coverage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian import permissions as penilaian_permissions
from penilaian.permissions import require_employee
from portal.core.http import error_message
from portal.core.roles import require_hr

from .. import rules
from ..exceptions import TrainingError
from ..forms import SCALE_CHOICES, MeetingForm, PlanForm, with_posted
from ..models import MeetingStatus
from ..selectors import coaching as coaching_selectors
from ..services import coaching as coaching_services
from ._fetch import (
    meeting_for_coached,
    meeting_for_leader,
    plan_for_leader,
    plan_for_viewer,
    subordinate_for_supervisor,
)


@login_required
@require_GET
def coaching_list(request):
    """The supervisor's team members who need a plan (with or without one) and the plans they
    lead; the employee's own plans."""
    me = require_employee(request.user)
    return render(request, "pelatihan/coaching_list.html", {
        "team": coaching_selectors.team_coaching_status(me) if penilaian_permissions.is_supervisor(request.user) else [],
        **coaching_selectors.plans_for(me),
    })


@login_required
@require_http_methods(["GET", "POST"])
def coaching_plan_create(request, nip):
    employee, me = subordinate_for_supervisor(request.user, nip)
    appraisal = coaching_selectors.latest_rated_appraisal(employee)
    choices = coaching_selectors.plan_indicator_choices(employee)
    form = PlanForm(request.POST or None)
    form.fields["indicators"].choices = [(str(i.pk), i.name) for i in choices]
    if request.method == "POST" and form.is_valid():
        chosen = [i for i in choices if str(i.pk) in form.cleaned_data["indicators"]]
        try:
            plan = coaching_services.plan_create(employee=employee, supervisor=me, goal=form.cleaned_data["goal"],
                                                 indicators=chosen, actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
        else:
            messages.success(request, _("Coaching plan created. Schedule the first meeting."))
            return redirect("pelatihan:coaching-plan", pk=plan.pk)
    return render(request, "pelatihan/coaching_plan_form.html", {
        "employee": employee, "appraisal": appraisal, "form": form, "needed": coaching_selectors.needs_plan(appraisal),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def coaching_plan(request, pk):
    plan = plan_for_viewer(request.user, pk)
    me = penilaian_permissions.employee_of(request.user)
    return render(request, "pelatihan/coaching_plan.html", {
        "plan": plan, "is_leader": me is not None and plan.employee.supervisor_id == me.pk,
        "is_coached": me is not None and plan.employee_id == me.pk, "form": MeetingForm(),
        "feedback": coaching_selectors.feedback_summary(plan), "gaps": coaching_selectors.current_gaps(plan.employee),
    })


@login_required
@require_POST
def coaching_meeting_create(request, pk):
    plan, me = plan_for_leader(request.user, pk)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the meeting's route, topic, date and times."))
        return redirect("pelatihan:coaching-plan", pk=plan.pk)
    try:
        coaching_services.meeting_schedule(plan=plan, supervisor=me, actor=request.user, **form.cleaned_data)
    except TrainingError as exc:
        messages.error(request, error_message(exc))
    else:
        messages.success(request, _("Meeting scheduled."))
    return redirect("pelatihan:coaching-plan", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def coaching_meeting_record(request, pk):
    meeting, me = meeting_for_leader(request.user, pk)
    indicators = list(meeting.plan.indicators.all())
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            try:
                coaching_services.meeting_cancel(meeting=meeting, supervisor=me, actor=request.user)
            except TrainingError as exc:
                messages.error(request, error_message(exc))
            return redirect("pelatihan:coaching-plan", pk=meeting.plan_id)
        evaluations = {i.pk: (request.POST.get(f"score-{i.pk}"), request.POST.get(f"reason-{i.pk}", "")) for i in indicators}
        try:
            coaching_services.meeting_record(meeting=meeting, supervisor=me, summary=request.POST.get("summary", ""),
                                             evaluations=evaluations, actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
            return render(request, "pelatihan/coaching_meeting_form.html", {
                "meeting": meeting, "indicators": indicators, "scale": SCALE_CHOICES, "posted": request.POST,
            }, status=400)
        messages.success(request, _("Meeting recorded; its JP were credited."))
        return redirect("pelatihan:coaching-plan", pk=meeting.plan_id)
    return render(request, "pelatihan/coaching_meeting_form.html", {
        "meeting": meeting, "indicators": indicators, "scale": SCALE_CHOICES, "posted": {},
    })


@login_required
@require_http_methods(["GET", "POST"])
def coaching_feedback(request, pk):
    meeting, me = meeting_for_coached(request.user, pk)
    answered = hasattr(meeting, "feedback")
    context = {"meeting": meeting, "statements": with_posted(rules.FEEDBACK_STATEMENTS, request.POST),
               "scale": SCALE_CHOICES,
               "answered": answered, "held": meeting.status == MeetingStatus.HELD, "posted": {}}
    if request.method == "POST":
        try:
            coaching_services.feedback_submit(meeting=meeting, employee=me, answers=request.POST,
                                              comment=request.POST.get("comment", ""), actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
            return render(request, "pelatihan/coaching_feedback_form.html", context | {"posted": request.POST},
                          status=400)
        messages.success(request, _("Thank you for your feedback."))
        return redirect("pelatihan:coaching-plan", pk=meeting.plan_id)
    return render(request, "pelatihan/coaching_feedback_form.html", context)


@login_required
@require_GET
def coaching_coverage(request):
    """HR: everyone whose latest predikat calls for a plan, with or without one."""
    require_hr(request.user)
    return render(request, "pelatihan/coaching_coverage.html", {"coverage": coaching_selectors.hr_coaching_coverage()})
