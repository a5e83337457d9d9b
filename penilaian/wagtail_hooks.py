from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.audit import register_actions

AUDIT_ACTIONS = {
    "penilaian.unit.create": _("Unit created"),
    "penilaian.employee.create": _("Employee created"),
    "penilaian.employee.bulk_create": _("Employees created in bulk"),
    "penilaian.employee.update": _("Employee updated"),
    "penilaian.employee.set_supervisor": _("Supervisor assigned"),
    "penilaian.indicator.create": _("Indicator created"),
    "penilaian.period.create": _("Appraisal period created"),
    "penilaian.period.advance": _("Appraisal period moved to the next phase"),
    "penilaian.appraisal.create": _("Appraisal opened"),
    "penilaian.appraisal.self_evaluation": _("Self-evaluation saved"),
    "penilaian.appraisal.assessment": _("Supervisor assessment saved"),
    "penilaian.appraisal.finalise": _("Appraisal finalised"),
    "penilaian.demo.conclude": _("Demo ratings concluded"),
    "penilaian.import.scores": _("Scores imported"),
    "penilaian.import.employees": _("Employees imported"),
    "penilaian.import.indicators": _("Indicators imported"),
    "penilaian.import_profile.save": _("Import column mapping saved"),
    "penilaian.import_profile.delete": _("Import column mapping deleted"),
    "penilaian.export.request": _("Large export requested"),
    # expectations, documentation, multi-source input, objections, the distribution pattern
    "penilaian.expectations.set": _("Expectations set"),
    "penilaian.expectations.copy": _("Expectations copied from the previous period"),
    "penilaian.expectations.group": _("Expectations set for a group"),
    "penilaian.expectations.acknowledge": _("Expectations acknowledged"),
    "penilaian.realisation.save": _("Realisation recorded"),
    "penilaian.evidence.add": _("Evidence added"),
    "penilaian.evidence.remove": _("Evidence removed"),
    "penilaian.feedback_note.add": _("Feedback note written"),
    "penilaian.dialogue.add": _("Performance dialogue recorded"),
    "penilaian.multisource.open": _("Multi-source round opened"),
    "penilaian.multisource.invite": _("Raters invited"),
    "penilaian.multisource.answer": _("Multi-source answer received"),
    "penilaian.appraisal.acknowledge": _("Final appraisal acknowledged"),
    "penilaian.appraisal.objection_change": _("Appraisal changed by an objection decision"),
    "penilaian.objection.submit": _("Objection filed"),
    "penilaian.objection.explanations": _("Objection explanations recorded"),
    "penilaian.objection.decide": _("Objection decided"),
    "penilaian.unit_predikat.set": _("Unit's own predikat set"),
}


@hooks.register("register_log_actions")
def register_penilaian_actions(actions):
    register_actions(actions, AUDIT_ACTIONS)
