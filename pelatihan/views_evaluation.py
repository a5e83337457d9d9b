"""Views of the post-training evaluation (levels 1–3) and of intensive coaching. Thin: fetch the
object for this user (404/403), one service call, a message, a redirect."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian import permissions as p
from penilaian.models import Employee
from portal.core.roles import require_hr

from . import coaching, evaluation, permissions
from .exceptions import TrainingError
from .models import CoachingMeeting, CoachingPlan, Enrolment, MeetingStatus, Session


def _msg(exc: TrainingError) -> str:
    return " ".join(exc.messages)


def _me(request) -> Employee:
    me = p.employee_of(request.user)
    if me is None:
        raise PermissionDenied
    return me



def _session_for_runner(user, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    if not permissions.can_run_session(user, session):
        raise PermissionDenied
    return session


SCALE_CHOICES = [(str(i), str(i)) for i in range(1, 6)]


def _with_posted(table, posted) -> list[tuple[str, str, str]]:
    """(code, text, the value posted back) so a form that failed keeps the answers."""
    return [(code, text, posted.get(code, "")) for code, text in table]


# --- Level 1 --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk):
    """The participant's reaction survey for one of their enrolments."""
    enrolment = get_object_or_404(Enrolment.objects.select_related("session__programme", "employee"), pk=pk)
    me = p.employee_of(request.user)
    if me is None or enrolment.employee_id != me.pk:
        raise PermissionDenied
    answered = hasattr(enrolment, "survey_response")
    allowed = evaluation.may_answer_survey(enrolment)
    if request.method == "POST":
        try:
            evaluation.survey_submit(enrolment=enrolment, employee=me, answers=request.POST,
                                     comment=request.POST.get("comment", ""), actor=request.user)
        except TrainingError as exc:
            messages.error(request, _msg(exc))
            return render(request, "pelatihan/survey_form.html", {
                "enrolment": enrolment, "questions": _with_posted(evaluation.SURVEY_QUESTIONS, request.POST),
                "scale": SCALE_CHOICES, "answered": answered, "allowed": allowed, "posted": request.POST,
            }, status=400)
        messages.success(request, _("Thank you: your answers were saved."))
        return redirect("portal:dashboard")
    return render(request, "pelatihan/survey_form.html", {
        "enrolment": enrolment, "questions": _with_posted(evaluation.SURVEY_QUESTIONS, {}), "scale": SCALE_CHOICES,
        "answered": answered, "allowed": allowed, "posted": {},
    })


@login_required
@require_GET
def survey_summary(request, pk):
    """Aggregates of a session's survey, for its trainers and HR."""
    session = _session_for_runner(request.user, pk)
    return render(request, "pelatihan/survey_summary.html", {"session": session,
                                                              "summary": evaluation.survey_summary(session)})


# --- Level 2 --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tests_sheet(request, pk):
    """Pre- and post-test scores of a session's participants (trainer or HR)."""
    session = _session_for_runner(request.user, pk)
    rows = evaluation.test_sheet(session)
    if request.method == "POST":
        entries = {
            e.pk: (request.POST.get(f"pre-{e.pk}", ""), request.POST.get(f"post-{e.pk}", ""))
            for e in rows if f"pre-{e.pk}" in request.POST or f"post-{e.pk}" in request.POST
        }
        try:
            changed = evaluation.test_scores_save(session=session, entries=entries, actor=request.user)
        except TrainingError as exc:
            messages.error(request, _msg(exc))
        else:
            messages.success(request, _("%(n)s participants updated.") % {"n": changed})
        return redirect("pelatihan:tests-sheet", pk=session.pk)
    return render(request, "pelatihan/tests_sheet.html", {
        "session": session, "rows": rows, "learning": evaluation.session_learning(session, rows),
        "post_frozen": evaluation._post_frozen(session),
    })


@login_required
@require_POST
def tests_import(request, pk):
    session = _session_for_runner(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None or upload.size > 2 * 1024 * 1024:
        messages.error(request, _("Choose a CSV or XLSX file (at most 2 MB)."))
        return redirect("pelatihan:tests-sheet", pk=session.pk)
    outcome = evaluation.test_scores_import(session=session, data=upload.read(), filename=upload.name,
                                            actor=request.user)
    if outcome.ok:
        messages.success(request, _("%(n)s participants updated.") % {"n": outcome.changed})
        return redirect("pelatihan:tests-sheet", pk=session.pk)
    rows = evaluation.test_sheet(session)
    return render(request, "pelatihan/tests_sheet.html", {
        "session": session, "rows": rows, "learning": evaluation.session_learning(session, rows),
        "post_frozen": evaluation._post_frozen(session), "import_errors": outcome.errors,
    }, status=400)


# --- Level 3 --------------------------------------------------------------------------------


@login_required
@require_GET
def reevaluation_list(request):
    """The supervisor's due re-evaluation tasks."""
    me = _me(request)
    return render(request, "pelatihan/reevaluation_list.html", {"tasks": evaluation.reevaluation_tasks_for(me)})


@login_required
@require_http_methods(["GET", "POST"])
def reevaluation_form(request, pk):
    task = evaluation.reevaluation_detail(pk)
    if task is None:
        from django.http import Http404

        raise Http404
    me = p.employee_of(request.user)
    if me is None or task.supervisor_id != me.pk:
        raise PermissionDenied
    if request.method == "POST":
        scores = {s.indicator_id: (request.POST.get(f"score-{s.indicator_id}"), request.POST.get(f"note-{s.indicator_id}", ""))
                  for s in task.scores.all()}
        try:
            evaluation.reevaluation_submit(task=task, supervisor=me, scores=scores, actor=request.user)
        except TrainingError as exc:
            messages.error(request, _msg(exc))
            return render(request, "pelatihan/reevaluation_form.html",
                          {"task": task, "scale": SCALE_CHOICES, "posted": request.POST}, status=400)
        messages.success(request, _("Re-evaluation saved."))
        return redirect("pelatihan:reevaluation-list")
    return render(request, "pelatihan/reevaluation_form.html", {"task": task, "scale": SCALE_CHOICES, "posted": {}})


@login_required
@require_GET
def reevaluation_overdue(request):
    require_hr(request.user)
    tasks = list(evaluation.overdue_reevaluations()[:500])
    return render(request, "pelatihan/reevaluation_overdue.html",
                  {"tasks": tasks, "days": evaluation.REEVALUATION_ANSWER_DAYS})


# --- Coaching -------------------------------------------------------------------------------


class PlanForm(forms.Form):
    goal = forms.CharField(label=gettext_lazy("Goal of the coaching"), widget=forms.Textarea(attrs={"rows": 3}))
    indicators = forms.MultipleChoiceField(label=gettext_lazy("Competencies concerned"),
                                           widget=forms.CheckboxSelectMultiple)


class MeetingForm(forms.Form):
    route = forms.ChoiceField(label=gettext_lazy("Route"), choices=[(r.value, r.label) for r in coaching.COACHING_ROUTES])
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=200)
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=gettext_lazy("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=gettext_lazy("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))


def _plan_for_viewer(user, pk: int) -> CoachingPlan:
    plan = coaching.plan_detail(pk)
    if plan is None:
        from django.http import Http404

        raise Http404
    if not p.can_view_employee(user, plan.employee):
        raise PermissionDenied
    return plan


def _meeting_for_leader(user, pk: int) -> tuple[CoachingMeeting, Employee]:
    meeting = get_object_or_404(CoachingMeeting.objects.select_related("plan__employee"), pk=pk)
    me = p.employee_of(user)
    if me is None or meeting.plan.employee.supervisor_id != me.pk:
        raise PermissionDenied
    return meeting, me


@login_required
@require_GET
def coaching_list(request):
    """The supervisor's team members who need a plan (with or without one) and the plans they
    lead; the employee's own plans."""
    me = _me(request)
    return render(request, "pelatihan/coaching_list.html", {
        "team": coaching.team_coaching_status(me) if p.is_supervisor(request.user) else [],
        **coaching.plans_for(me),
    })


@login_required
@require_http_methods(["GET", "POST"])
def coaching_plan_create(request, nip):
    employee = get_object_or_404(Employee.objects.select_related("unit"), nip=nip)
    me = p.employee_of(request.user)
    if me is None or employee.supervisor_id != me.pk:
        raise PermissionDenied
    appraisal = coaching.latest_rated_appraisal(employee)
    choices = coaching.plan_indicator_choices(employee)
    form = PlanForm(request.POST or None)
    form.fields["indicators"].choices = [(str(i.pk), i.name) for i in choices]
    if request.method == "POST" and form.is_valid():
        chosen = [i for i in choices if str(i.pk) in form.cleaned_data["indicators"]]
        try:
            plan = coaching.plan_create(employee=employee, supervisor=me, goal=form.cleaned_data["goal"],
                                        indicators=chosen, actor=request.user)
        except TrainingError as exc:
            messages.error(request, _msg(exc))
        else:
            messages.success(request, _("Coaching plan created. Schedule the first meeting."))
            return redirect("pelatihan:coaching-plan", pk=plan.pk)
    return render(request, "pelatihan/coaching_plan_form.html", {
        "employee": employee, "appraisal": appraisal, "form": form, "needed": coaching.needs_plan(appraisal),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def coaching_plan(request, pk):
    plan = _plan_for_viewer(request.user, pk)
    me = p.employee_of(request.user)
    return render(request, "pelatihan/coaching_plan.html", {
        "plan": plan, "is_leader": me is not None and plan.employee.supervisor_id == me.pk,
        "is_coached": me is not None and plan.employee_id == me.pk, "form": MeetingForm(),
        "feedback": coaching.feedback_summary(plan), "gaps": coaching.current_gaps(plan.employee),
    })


@login_required
@require_POST
def coaching_meeting_create(request, pk):
    plan = _plan_for_viewer(request.user, pk)
    me = p.employee_of(request.user)
    if me is None or plan.employee.supervisor_id != me.pk:
        raise PermissionDenied
    form = MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the meeting's route, topic, date and times."))
        return redirect("pelatihan:coaching-plan", pk=plan.pk)
    try:
        coaching.meeting_schedule(plan=plan, supervisor=me, actor=request.user, **form.cleaned_data)
    except TrainingError as exc:
        messages.error(request, _msg(exc))
    else:
        messages.success(request, _("Meeting scheduled."))
    return redirect("pelatihan:coaching-plan", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def coaching_meeting_record(request, pk):
    meeting, me = _meeting_for_leader(request.user, pk)
    indicators = list(meeting.plan.indicators.all())
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            try:
                coaching.meeting_cancel(meeting=meeting, supervisor=me, actor=request.user)
            except TrainingError as exc:
                messages.error(request, _msg(exc))
            return redirect("pelatihan:coaching-plan", pk=meeting.plan_id)
        evaluations = {i.pk: (request.POST.get(f"score-{i.pk}"), request.POST.get(f"reason-{i.pk}", "")) for i in indicators}
        try:
            coaching.meeting_record(meeting=meeting, supervisor=me, summary=request.POST.get("summary", ""),
                                    evaluations=evaluations, actor=request.user)
        except TrainingError as exc:
            messages.error(request, _msg(exc))
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
    meeting = get_object_or_404(CoachingMeeting.objects.select_related("plan__employee", "plan__supervisor"), pk=pk)
    me = p.employee_of(request.user)
    if me is None or meeting.plan.employee_id != me.pk:
        raise PermissionDenied
    answered = hasattr(meeting, "feedback")
    context = {"meeting": meeting, "statements": _with_posted(coaching.FEEDBACK_STATEMENTS, request.POST),
               "scale": SCALE_CHOICES,
               "answered": answered, "held": meeting.status == MeetingStatus.HELD, "posted": {}}
    if request.method == "POST":
        try:
            coaching.feedback_submit(meeting=meeting, employee=me, answers=request.POST,
                                     comment=request.POST.get("comment", ""), actor=request.user)
        except TrainingError as exc:
            messages.error(request, _msg(exc))
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
    return render(request, "pelatihan/coaching_coverage.html", {"coverage": coaching.hr_coaching_coverage()})
