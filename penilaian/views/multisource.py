"""Multi-source input: the inviter's page (the employee's supervisor or BKPSDM), the signed-in
rater's form, and the public stakeholder form behind a one-time link (no account).

No page shows a single response: the inviter sees who was invited (stakeholders only counted)
and how many answered per group; means and comments appear only from three answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from penilaian import permissions, rules
from penilaian.forms.fairness import InviteColleaguesForm, InviteStakeholderForm, MultisourceAnswerForm
from penilaian.models import RaterGroup, RaterInvitation
from penilaian.selectors import expectations as expectation_selectors
from penilaian.selectors import multisource as multisource_selectors
from penilaian.services import multisource as multisource_services
from portal.core.http import error_message, over_limit
from portal.core.links import public_url

from ._fetch import subject_for

# The stakeholder form: per address, and per link, in a 10-minute window.
STAKEHOLDER_LIMIT_PER_IP = 30
STAKEHOLDER_LIMIT_PER_LINK = 10
STAKEHOLDER_WINDOW = 600


def _invite(request, feedback_round, action: str, employee) -> bool:
    """Handle one of the page's three forms; True when it changed something."""
    if action == "stakeholder":
        form = InviteStakeholderForm(request.POST)
        if form.is_valid():
            _invitation, url = multisource_services.invite_stakeholder(
                feedback_round=feedback_round, actor=request.user, email=form.cleaned_data["email"])
            messages.success(request, _("Stakeholder link created (valid once, until it expires): %(url)s") % {
                "url": public_url(url)})
            return True
        messages.error(request, error_message(ValidationError(list(form.errors.values()))))
        return False
    group = RaterGroup.PEER if action == "peer" else RaterGroup.SUBORDINATE
    form = InviteColleaguesForm(request.POST, choices=multisource_services.colleague_choices(employee, group))
    if form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["raters"]}
        raters = list(multisource_services.colleague_choices(employee, group).filter(pk__in=chosen))
        n = multisource_services.invite_colleagues(feedback_round=feedback_round, actor=request.user, group=group,
                                                   raters=raters)
        messages.success(request, ngettext("%(n)d invitation sent.", "%(n)d invitations sent.", n) % {"n": n})
        return True
    messages.error(request, _("Choose whom to invite."))
    return False


@login_required
@require_http_methods(["GET", "POST"])
def round_page(request, code, nip):
    employee, period = subject_for(request.user, code, nip)
    if not multisource_services.may_invite(request.user, employee, period):
        raise PermissionDenied
    feedback_round = multisource_selectors.round_for(employee, period)
    if request.method == "POST":
        try:
            feedback_round = multisource_services.round_open(employee=employee, period=period, actor=request.user)
            _invite(request, feedback_round, request.POST.get("action", ""), employee)
        except ValidationError as exc:
            messages.error(request, error_message(exc))
        return redirect("penilaian:multisource-round", code=code, nip=nip)
    return render(request, "penilaian/multisource_round.html", {
        "subject": employee, "period": period, "round": feedback_round,
        "summary": multisource_selectors.invitation_summary(feedback_round),
        "aggregate": multisource_selectors.aggregate(feedback_round),
        "values": expectation_selectors.behaviour_values(), "minimum": rules.MULTISOURCE_MIN_RESPONSES,
        "peer_form": InviteColleaguesForm(choices=multisource_services.colleague_choices(employee, RaterGroup.PEER)),
        "subordinate_form": InviteColleaguesForm(
            choices=multisource_services.colleague_choices(employee, RaterGroup.SUBORDINATE)),
        "stakeholder_form": InviteStakeholderForm(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    """A peer's or subordinate's answer, signed in; only the invited rater sees the form."""
    invitation = RaterInvitation.objects.select_related("round__employee__unit__parent", "round__period", "rater").filter(
        pk=pk).first()
    if invitation is None:
        raise Http404
    me = permissions.employee_of(request.user)
    if invitation.rater_id is None or me is None or me.pk != invitation.rater_id:
        raise PermissionDenied
    values = expectation_selectors.behaviour_values()
    form = MultisourceAnswerForm(request.POST or None, values=values)
    if request.method == "POST" and form.is_valid():
        try:
            multisource_services.response_submit(invitation=invitation, actor=request.user, scores=form.scores(),
                                                 comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, _("Thank you. Your answer is anonymous."))
            return redirect("portal:dashboard")
    return render(request, "penilaian/multisource_answer.html", {
        "form": form, "employee": invitation.round.employee, "done": invitation.used, "public": False})


@never_cache
@require_http_methods(["GET", "POST"])
def stakeholder_form(request, token):
    """A stakeholder's answer without an account: one-time, expiring, rate-limited. Shows the
    employee's name and unit only, and asks nothing about the stakeholder."""
    if (over_limit(request, scope="stakeholder", limits=[(STAKEHOLDER_LIMIT_PER_IP, STAKEHOLDER_WINDOW)])
            or over_limit(request, scope="stakeholder-link", limits=[(STAKEHOLDER_LIMIT_PER_LINK, STAKEHOLDER_WINDOW)],
                          key=token)):
        return render(request, "penilaian/multisource_limited.html", status=429)
    invitation = multisource_selectors.invitation_for_token(token)
    if invitation is None:
        return render(request, "penilaian/multisource_invalid.html", status=404)
    form = MultisourceAnswerForm(request.POST or None, values=expectation_selectors.behaviour_values())
    if request.method == "POST" and form.is_valid():
        try:
            multisource_services.stakeholder_submit(token=token, scores=form.scores(), comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            form.add_error(None, error_message(exc))
        else:
            return render(request, "penilaian/multisource_thanks.html")
    return render(request, "penilaian/multisource_answer.html", {
        "form": form, "employee": invitation.round.employee, "done": False, "public": True})
