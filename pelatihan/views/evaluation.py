"""Views of the post-training evaluation, levels 1–3: the participant's reaction survey and its
summary, the trainer's test sheet and import, the supervisor's re-evaluations and HR's overdue
list (with its files and the supervisors' reminders)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian.permissions import require_employee
from portal.core.http import error_message
from portal.core.roles import require_hr

from .. import rules
from ..documents import exports
from ..exceptions import TrainingError
from ..forms import SCALE_CHOICES, with_posted
from ..selectors import evaluation as evaluation_selectors
from ..services import evaluation as evaluation_services
from ._fetch import enrolment_for_participant, session_for_runner, task_for_supervisor

OVERDUE_PAGE_ROWS = 500


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk):
    """The participant's reaction survey for one of their enrolments."""
    enrolment, me = enrolment_for_participant(request.user, pk)
    answered = hasattr(enrolment, "survey_response")
    allowed = evaluation_selectors.may_answer_survey(enrolment)
    if request.method == "POST":
        try:
            evaluation_services.survey_submit(enrolment=enrolment, employee=me, answers=request.POST,
                                              comment=request.POST.get("comment", ""), actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
            return render(request, "pelatihan/survey_form.html", {
                "enrolment": enrolment, "questions": with_posted(rules.SURVEY_QUESTIONS, request.POST),
                "scale": SCALE_CHOICES, "answered": answered, "allowed": allowed, "posted": request.POST,
            }, status=400)
        messages.success(request, _("Thank you: your answers were saved."))
        return redirect("portal:dashboard")
    return render(request, "pelatihan/survey_form.html", {
        "enrolment": enrolment, "questions": with_posted(rules.SURVEY_QUESTIONS, {}), "scale": SCALE_CHOICES,
        "answered": answered, "allowed": allowed, "posted": {},
    })


@login_required
@require_GET
def survey_summary(request, pk):
    """Aggregates of a session's survey, for its trainers and HR."""
    session = session_for_runner(request.user, pk)
    return render(request, "pelatihan/survey_summary.html", {"session": session,
                                                             "summary": evaluation_selectors.survey_summary(session)})


@login_required
@require_http_methods(["GET", "POST"])
def tests_sheet(request, pk):
    """Pre- and post-test scores of a session's participants (trainer or HR)."""
    session = session_for_runner(request.user, pk)
    rows = evaluation_selectors.test_sheet(session)
    if request.method == "POST":
        entries = {
            e.pk: (request.POST.get(f"pre-{e.pk}", ""), request.POST.get(f"post-{e.pk}", ""))
            for e in rows if f"pre-{e.pk}" in request.POST or f"post-{e.pk}" in request.POST
        }
        try:
            changed = evaluation_services.test_scores_save(session=session, entries=entries, actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
        else:
            messages.success(request, _("%(n)s participants updated.") % {"n": changed})
        return redirect("pelatihan:tests-sheet", pk=session.pk)
    return render(request, "pelatihan/tests_sheet.html", {
        "session": session, "rows": rows, "learning": evaluation_selectors.session_learning(session, rows),
        "post_frozen": evaluation_selectors.post_test_frozen(session),
    })


@login_required
@require_POST
def tests_import(request, pk):
    session = session_for_runner(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None or upload.size > 2 * 1024 * 1024:
        messages.error(request, _("Choose a CSV or XLSX file (at most 2 MB)."))
        return redirect("pelatihan:tests-sheet", pk=session.pk)
    outcome = evaluation_services.test_scores_import(session=session, data=upload.read(), filename=upload.name,
                                                     actor=request.user)
    if outcome.ok:
        messages.success(request, _("%(n)s participants updated.") % {"n": outcome.changed})
        return redirect("pelatihan:tests-sheet", pk=session.pk)
    rows = evaluation_selectors.test_sheet(session)
    return render(request, "pelatihan/tests_sheet.html", {
        "session": session, "rows": rows, "learning": evaluation_selectors.session_learning(session, rows),
        "post_frozen": evaluation_selectors.post_test_frozen(session), "import_errors": outcome.errors,
    }, status=400)


@login_required
@require_GET
def reevaluation_list(request):
    """The supervisor's due re-evaluation tasks."""
    me = require_employee(request.user)
    return render(request, "pelatihan/reevaluation_list.html", {"tasks": evaluation_selectors.reevaluation_tasks_for(me)})


@login_required
@require_http_methods(["GET", "POST"])
def reevaluation_form(request, pk):
    task, me = task_for_supervisor(request.user, pk)
    if request.method == "POST":
        scores = {s.indicator_id: (request.POST.get(f"score-{s.indicator_id}"), request.POST.get(f"note-{s.indicator_id}", ""))
                  for s in task.scores.all()}
        try:
            evaluation_services.reevaluation_submit(task=task, supervisor=me, scores=scores, actor=request.user)
        except TrainingError as exc:
            messages.error(request, error_message(exc))
            return render(request, "pelatihan/reevaluation_form.html",
                          {"task": task, "scale": SCALE_CHOICES, "posted": request.POST}, status=400)
        messages.success(request, _("Re-evaluation saved."))
        return redirect("pelatihan:reevaluation-list")
    return render(request, "pelatihan/reevaluation_form.html", {"task": task, "scale": SCALE_CHOICES, "posted": {}})


@login_required
@require_GET
def reevaluation_overdue(request, fmt=None):
    """HR's list of overdue re-evaluations (the first OVERDUE_PAGE_ROWS; the files hold all),
    with the reminder button."""
    require_hr(request.user)
    if fmt is not None:
        return exports.overdue_response(evaluation_selectors.overdue_rows(), fmt=fmt)
    rows = list(evaluation_selectors.overdue_rows(limit=OVERDUE_PAGE_ROWS))
    return render(request, "pelatihan/reevaluation_overdue.html", {
        "rows": rows, "headers": exports.overdue_headers(), "days": rules.REEVALUATION_ANSWER_DAYS,
        "plan": evaluation_selectors.reminder_plan(), "limit": OVERDUE_PAGE_ROWS,
    })


@login_required
@require_http_methods(["GET", "POST"])
def reevaluation_remind(request):
    """HR asks for today's reminders now (GET: how many supervisors it reaches; POST: send).
    The service sends each supervisor at most one a day, so a second press reminds no one."""
    require_hr(request.user)
    if request.method == "POST":
        reminded = evaluation_services.overdue_reminders_send(actor=request.user)
        if reminded:
            messages.success(request, ngettext("A reminder was sent to %(n)s supervisor.",
                                               "Reminders were sent to %(n)s supervisors.", reminded) % {"n": reminded})
        else:
            messages.info(request, _("No supervisor was reminded: everyone with overdue re-evaluations has "
                                     "already been reminded today or has no e-mail address."))
        return redirect("pelatihan:reevaluation-overdue")
    return render(request, "pelatihan/reevaluation_remind.html", {"plan": evaluation_selectors.reminder_plan()})
