"""One employee's performance record in a period — expectations, realisation and evidence,
feedback notes, performance dialogues — for whoever may see the employee (self, supervisor
chain, BKPSDM; never trainers). What each may change: the employee their realisation and
evidence and the acknowledgement; the supervisor for the period notes and dialogues."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from penilaian import permissions, rules
from penilaian.forms.fairness import DialogueForm, EvidenceForm, FeedbackNoteForm, RealisationForm
from penilaian.models import WorkResult
from penilaian.selectors import documentation as documentation_selectors
from penilaian.selectors import expectations as expectation_selectors
from penilaian.selectors import multisource as multisource_selectors
from penilaian.services import documentation as documentation_services
from portal.core import files

from ._fetch import attempt, evidence_for_user, require_responsible, show_form_errors, subject_for


@login_required
@require_GET
def performance_record(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    me = permissions.employee_of(request.user)
    plan = expectation_selectors.plan_for(employee, period)
    is_self = me is not None and me.pk == employee.pk
    is_supervisor = me is not None and me.pk == expectation_selectors.responsible_supervisor_id(employee, period)
    values = expectation_selectors.behaviour_values()
    today = timezone.localdate()
    context = {
        "subject": employee, "period": period, "plan": plan, "is_self": is_self, "is_supervisor": is_supervisor,
        "achievements": documentation_selectors.achievement_rows(plan),
        "notes": documentation_selectors.notes_for(employee, period),
        "dialogues": documentation_selectors.dialogues_for(employee, period),
    }
    feedback_round = multisource_selectors.round_for(employee, period)
    context.update(multisource_round=feedback_round, multisource=multisource_selectors.aggregate(feedback_round),
                   values=values, minimum=rules.MULTISOURCE_MIN_RESPONSES)
    if is_self and plan is not None:
        context["realisation_form"] = RealisationForm(plan=plan)
        context["evidence_form"] = EvidenceForm(plan=plan)
    if is_supervisor:
        context["note_form"] = FeedbackNoteForm(plan=plan, values=values, initial={"date": today})
        context["dialogue_form"] = DialogueForm(initial={"date": today})
    return render(request, "penilaian/performance_record.html", context)


def _back(period, employee):
    return redirect("penilaian:performance-record", code=period.code, nip=employee.nip)


def _own_plan(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    me = permissions.employee_of(request.user)
    plan = expectation_selectors.plan_for(employee, period)
    if me is None or me.pk != employee.pk or plan is None:
        raise PermissionDenied
    return employee, period, plan


@login_required
@require_POST
def realisation_save(request, code, nip):
    employee, period, plan = _own_plan(request, code, nip)
    form = RealisationForm(request.POST, plan=plan)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(period, employee)
    attempt(request, lambda: documentation_services.realisation_save(plan=plan, actor=request.user, values=form.values()),
            _("Realisation saved."))
    return _back(period, employee)


@login_required
@require_POST
def evidence_add(request, code, nip):
    employee, period, plan = _own_plan(request, code, nip)
    form = EvidenceForm(request.POST, request.FILES, plan=plan)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(period, employee)
    result = get_object_or_404(WorkResult, pk=form.cleaned_data["result"], plan=plan)
    data = form.cleaned_data
    attempt(request, lambda: documentation_services.evidence_add(
        result=result, actor=request.user, description=data["description"], link=data["link"], upload=data["file"]),
        _("Evidence added."))
    return _back(period, employee)


@login_required
@require_GET
def evidence_file(request, pk):
    """An evidence file, only for who may see the employee; a link evidence has no file here."""
    evidence = evidence_for_user(request.user, pk)
    if not evidence.file:
        raise Http404
    extension = evidence.file.name.rsplit(".", 1)[-1]
    return files.private_file_response(evidence.file.name, filename=f"bukti-dukung-{evidence.pk}.{extension}",
                                       content_type=evidence.content_type or "application/octet-stream")


@login_required
@require_POST
def evidence_remove(request, pk):
    evidence = evidence_for_user(request.user, pk)
    plan = evidence.result.plan
    attempt(request, lambda: documentation_services.evidence_remove(evidence=evidence, actor=request.user),
            _("Evidence removed."))
    return _back(plan.period, plan.employee)


@login_required
@require_POST
def note_add(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    require_responsible(request.user, employee, period)
    plan = expectation_selectors.plan_for(employee, period)
    form = FeedbackNoteForm(request.POST, plan=plan, values=expectation_selectors.behaviour_values())
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(period, employee)
    data = form.cleaned_data
    attempt(request, lambda: documentation_services.feedback_note_add(
        employee=employee, period=period, actor=request.user, topic=data["topic"], text=data["text"], date=data["date"],
        result_id=data["result"], value_id=data["value"]), _("Feedback note saved; the employee can read it."))
    return _back(period, employee)


@login_required
@require_POST
def dialogue_add(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    require_responsible(request.user, employee, period)
    form = DialogueForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(period, employee)
    data = form.cleaned_data
    attempt(request, lambda: documentation_services.dialogue_add(
        employee=employee, period=period, actor=request.user, agreed=data["agreed"], date=data["date"]),
        _("Performance dialogue recorded."))
    return _back(period, employee)
