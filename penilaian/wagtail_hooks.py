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
}


@hooks.register("register_log_actions")
def register_penilaian_actions(actions):
    register_actions(actions, AUDIT_ACTIONS)
