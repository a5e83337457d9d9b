"""The demo's transparent and fair appraisal (``data/fairness.yaml``), in the current period:
expectations for all teachers of the demo school (one template) with the demo teacher's
acknowledgement, realisation, evidence, feedback notes and dialogue; an engineer at Dinas PUPR
with stakeholders' input; multi-source rounds; Bina Marga's first final appraisals with their
acknowledgements, a decided and an open objection; and each unit's own predikat.

Everything goes through the services, acting as the people who would do it; the people who act
get a demo account (the demo password) when the build makes accounts, and without accounts this
part is skipped. Two shortcuts, like ``appraisal._conclude``: the final appraisals are set final
in bulk (one audit record, no e-mails), and event times are moved back to their days in the data
file after the services wrote them. Idempotent: nothing happens when the demo teacher already has
expectations for the period.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.test.utils import override_settings

from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    Employee,
    FeedbackNote,
    NoteTopic,
    PerformanceDialogue,
    PerformancePlan,
    PositionKind,
    RaterGroup,
    Unit,
)
from penilaian.selectors import expectations as expectation_selectors
from penilaian.services import appraisal as appraisal_services
from penilaian.services import documentation as documentation_services
from penilaian.services import expectations as expectation_services
from penilaian.services import multisource as multisource_services
from penilaian.services import register as register_services

from . import fairness_outcomes, files
from .appraisal import demo_years
from .fairness_outcomes import user_of
from .loader import load
from .register import DEMO_EMPLOYEE_EMAIL, DEMO_HR_EMAIL, DEMO_SUPERVISOR_EMAIL
from .training import QUIET_MAIL

DATA = load("fairness")


def template(spec: dict) -> tuple[list[dict], dict[int, str]]:
    """RHK and behaviour expectations of the data file, in the shape ``plan_save`` takes."""
    values = {v.code: v.pk for v in expectation_selectors.behaviour_values()}
    results = [
        {"id": None, "title": r["title"], "supports_id": None,
         "targets": [{"aspect": a, "indicator": i, "target": Decimal(str(t)), "unit": u} for a, i, t, u in r["targets"]]}
        for r in spec["results"]
    ]
    return results, {values[code]: text for code, text in spec.get("behaviours", {}).items()}


@override_settings(**QUIET_MAIL)
@transaction.atomic
def seed_fairness(*, today: dt.date) -> dict:
    """Build the fair-appraisal demo (see the module's docstring); returns what was created."""
    _past, this_year = demo_years(today)
    period = AppraisalPeriod.objects.filter(year=this_year, kind="annual", number=None).first()
    teacher = Employee.objects.filter(email=DEMO_EMPLOYEE_EMAIL).first()
    head = Employee.objects.filter(email=DEMO_SUPERVISOR_EMAIL).first()
    hr = get_user_model().objects.filter(email=DEMO_HR_EMAIL).first()
    if period is None or teacher is None or head is None or head.user is None or hr is None:
        return {}
    if PerformancePlan.objects.filter(employee=teacher, period=period).exists():
        return {}
    school = _school(period, teacher, head, today)
    engineer = _engineer(period, hr, today)
    outcomes = fairness_outcomes.seed_outcomes(period=period, hr=hr, data=DATA, today=today,
                                               unit=Unit.objects.get(code=DATA["engineer"]["unit"]),
                                               exclude={engineer.pk})
    people = {"engineer": engineer.nip, "kabid": engineer.supervisor.nip, "kadis": engineer.supervisor.supervisor.nip}
    return school | outcomes | people


def summary(result: dict) -> str:
    """One line for the build's log."""
    if not result:
        return "Fair appraisal: already there (or no demo accounts to act with)."
    return (f"Fair appraisal: expectations for {result['plans']} teachers, {result['peer_answers']} peer answers for the "
            f"demo teacher, {result['final']} final appraisals in Bina Marga ({result['acknowledged']} acknowledged), "
            f"{result['objections']} objections; {result['outside']} units outside the pattern in past periods. "
            f"Sign in with the demo password as the engineer at Dinas PUPR (NIP {result['engineer']}), his "
            f"Kepala Bidang Bina Marga ({result['kabid']}) or the Kepala Dinas who decides objections ({result['kadis']}).")


def _school(period, teacher, head, today) -> dict:
    results, behaviours = template(DATA["teacher_template"])
    team = list(Employee.objects.filter(supervisor=head, is_active=True).order_by("nip"))
    expectation_services.plan_apply_to_group(period=period, actor=head.user, employees=team, results=results,
                                             behaviours=behaviours)
    spec = DATA["demo_teacher"]
    plan = expectation_services.plan_acknowledge(plan=PerformancePlan.objects.get(employee=teacher, period=period),
                                                 actor=teacher.user)
    PerformancePlan.objects.filter(pk=plan.pk).update(
        acknowledged_at=fairness_outcomes.at(today, spec["acknowledged_days_ago"]))
    _document(teacher, period, head.user, spec, today)
    peers = [p for p in team if p.pk != teacher.pk][: spec["peers_invited"]]
    answered = _round(teacher, period, head.user, RaterGroup.PEER, peers, spec["peers_answering"], spec["peer_scores"],
                      spec["peer_comments"])
    return {"plans": len(team), "peer_answers": answered}


def _document(employee, period, supervisor_user, spec, today) -> None:
    """Realisation, evidence, notes and dialogues of one employee, as the data file says."""
    plan = expectation_selectors.plan_for(employee, period)
    results = list(plan.results.all())
    targets = [t for r in results for t in r.targets.all()]
    documentation_services.realisation_save(plan=plan, actor=employee.user, values={
        t.pk: (Decimal(str(value)), note) for t, (value, note) in zip(targets, spec["realisation"], strict=False)})
    for item in spec.get("evidence", []):
        upload = None
        if "pdf" in item:
            content = files.pdf(title=item["pdf"]["title"], byline=employee.full_name, author=employee.full_name,
                                sections=item["pdf"]["sections"])
            upload = SimpleUploadedFile("modul-ajar.pdf", content, content_type="application/pdf")
        documentation_services.evidence_add(result=results[item["result"]], actor=employee.user,
                                            description=item["description"], link=item.get("link", ""), upload=upload)
    values = {v.code: v.pk for v in expectation_selectors.behaviour_values()}
    # The services date a note or dialogue no later than the real today; a demo built for another
    # day gets its dates moved afterwards, as the outcomes' timestamps are.
    for note in spec.get("notes", []):
        written = documentation_services.feedback_note_add(
            employee=employee, period=period, actor=supervisor_user, topic=note["topic"], text=note["text"],
            result_id=results[note["result"]].pk if note["topic"] == NoteTopic.RESULTS and "result" in note else None,
            value_id=values.get(note.get("value", "")))
        FeedbackNote.objects.filter(pk=written.pk).update(date=today - dt.timedelta(days=note["days_ago"]))
    for dialogue in spec.get("dialogues", []):
        held = documentation_services.dialogue_add(employee=employee, period=period, actor=supervisor_user,
                                                   agreed=dialogue["agreed"])
        PerformanceDialogue.objects.filter(pk=held.pk).update(date=today - dt.timedelta(days=dialogue["days_ago"]))


def _round(employee, period, actor, group, raters, answering, scores, comments=None) -> int:
    """Open the employee's round, invite ``raters`` of ``group`` and let the first ``answering``
    answer (each with their own account)."""
    values = [v.pk for v in expectation_selectors.behaviour_values()]
    feedback_round = multisource_services.round_open(employee=employee, period=period, actor=actor)
    multisource_services.invite_colleagues(feedback_round=feedback_round, actor=actor, group=group, raters=raters)
    invitations = {i.rater_id: i for i in feedback_round.invitations.filter(group=group)}
    comments = comments or [""] * answering
    for rater, row, comment in zip(raters[:answering], scores, comments, strict=False):
        multisource_services.response_submit(invitation=invitations[rater.pk], actor=user_of(rater),
                                             scores=dict(zip(values, row, strict=True)), comment=comment)
    return min(answering, len(raters))


def engineer_of(unit: Unit, period: AppraisalPeriod) -> Employee | None:
    """The demo's engineer: the bidang's staff member in the engineer's position, else the first
    functional staff member under its head (by NIP) whose appraisal waits for the assessment
    (so there is still realisation to record and an assessment to make)."""
    spec = DATA["engineer"]
    assessed = Appraisal.objects.filter(employee=OuterRef("pk"), period=period,
                                        status__in=[AppraisalStatus.ASSESSED, AppraisalStatus.FINALISED])
    staff = Employee.objects.filter(unit=unit, is_active=True, supervisor__unit=unit).exclude(
        Exists(assessed)).order_by("nip")
    return (staff.filter(position_name=spec["position"]).first()
            or staff.filter(position_kind=PositionKind.FUNGSIONAL).first() or staff.first())


def _engineer(period, hr, today) -> Employee:
    spec = DATA["engineer"]
    unit = Unit.objects.get(code=spec["unit"])
    engineer = engineer_of(unit, period)
    if engineer.position_name != spec["position"]:
        engineer = register_services.employee_update(
            employee=engineer, position_name=spec["position"], position_kind=PositionKind.FUNGSIONAL,
            functional_level=spec["level"])
    kabid = engineer.supervisor
    appraisal_services.appraisal_get_or_create(employee=engineer, period=period)
    kadis = kabid.supervisor
    own, _b = template({"results": spec["supervisor_results"]})
    kabid_plan = expectation_services.plan_save(employee=kabid, period=period, actor=user_of(kadis), results=own,
                                                behaviours={})
    results, behaviours = template(spec)
    supported = list(kabid_plan.results.all())
    for item, raw in zip(results, spec["results"], strict=True):
        if "supports" in raw:
            item["supports_id"] = supported[raw["supports"]].pk
    kabid_user = user_of(kabid)
    expectation_services.plan_save(employee=engineer, period=period, actor=kabid_user, results=results,
                                   behaviours=behaviours)
    expectation_services.plan_acknowledge(plan=PerformancePlan.objects.get(employee=engineer, period=period),
                                          actor=user_of(engineer))
    _document(engineer, period, kabid_user, spec, today)
    # BKPSDM asks the public: one-time links answered by the people the road serves.
    values = [v.pk for v in expectation_selectors.behaviour_values()]
    feedback_round = multisource_services.round_open(employee=engineer, period=period, actor=hr)
    for answer in spec["stakeholders"]:
        _invitation, url = multisource_services.invite_stakeholder(feedback_round=feedback_round, actor=hr)
        multisource_services.stakeholder_submit(token=url.rstrip("/").rsplit("/", 1)[-1],
                                                scores=dict(zip(values, answer["scores"], strict=True)),
                                                comment=answer["comment"])
    peers = list(multisource_services.colleague_choices(engineer, RaterGroup.PEER).order_by("nip"))
    _round(engineer, period, hr, RaterGroup.PEER, peers[: spec["peers_answering"] + 1], spec["peers_answering"],
           spec["peer_scores"])
    staff = list(multisource_services.colleague_choices(kabid, RaterGroup.SUBORDINATE).exclude(pk=engineer.pk)
                 .order_by("-nip"))
    _round(kabid, period, hr, RaterGroup.SUBORDINATE, staff[: DATA["kabid_subordinates_answering"]],
           DATA["kabid_subordinates_answering"], DATA["kabid_subordinate_scores"])
    return engineer
