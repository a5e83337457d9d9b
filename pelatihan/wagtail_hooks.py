"""HR manages the training catalogue (programmes, sessions) in the Wagtail admin, and the audit
actions of the training app are registered here."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.audit import register_actions

from .models import Programme, Session, SiasnKindCode

AUDIT_ACTIONS = {
    "pelatihan.programme.create": _("Training programme created"),
    "pelatihan.session.create": _("Training session created"),
    "pelatihan.session.publish": _("Training session published"),
    "pelatihan.session.cancel": _("Training session cancelled"),
    "pelatihan.session.finish": _("Training session finished"),
    "pelatihan.enrolment.create": _("Registered for a training session"),
    "pelatihan.enrolment.cancel": _("Registration cancelled"),
    "pelatihan.enrolment.promote": _("Promoted from the waiting list"),
    "pelatihan.enrolment.approve": _("Registration approved"),
    "pelatihan.enrolment.reject": _("Registration rejected"),
    "pelatihan.enrolment.post_test": _("Post-test score recorded"),
    "pelatihan.attendance.record": _("Attendance recorded"),
    "pelatihan.record.credit": _("JP credited to the development record"),
    "pelatihan.record.create": _("External development record added"),
    "pelatihan.record.verify": _("Development record verified"),
    "pelatihan.record.reject": _("Development record rejected"),
    "pelatihan.certificate.issue": _("Certificate issued"),
    "pelatihan.calendar.rotate": _("Calendar feed link renewed"),
    # Needs analysis and matching
    "pelatihan.invitation.create": _("Invited to a training session"),
    "pelatihan.invitation.decline": _("Training invitation declined"),
    "pelatihan.matching.invite": _("Employees invited through matching"),
    "pelatihan.matching.enrol": _("Employees enrolled through matching"),
    # Evaluation and coaching
    "pelatihan.survey.submit": _("Reaction survey answered"),
    "pelatihan.enrolment.test_scores": _("Pre- and post-test scores recorded"),
    "pelatihan.reevaluation.create": _("Re-evaluation task created"),
    "pelatihan.reevaluation.reassign": _("Re-evaluation task handed to the new supervisor"),
    "pelatihan.reevaluation.submit": _("Re-evaluation submitted"),
    "pelatihan.reevaluation.remind": _("Supervisor reminded of overdue re-evaluations"),
    "pelatihan.coaching.plan_create": _("Coaching plan created"),
    "pelatihan.coaching.meeting_schedule": _("Coaching meeting scheduled"),
    "pelatihan.coaching.meeting_record": _("Coaching meeting recorded"),
    "pelatihan.coaching.meeting_cancel": _("Coaching meeting cancelled"),
    "pelatihan.coaching.feedback": _("Coaching feedback given"),
    # SIASN
    "pelatihan.siasn.queue": _("SIASN: records queued for sending"),
    "pelatihan.siasn.send": _("SIASN: record sent"),
    "pelatihan.siasn.retry": _("SIASN: attempt failed, retry scheduled"),
    "pelatihan.siasn.fail": _("SIASN: sending failed"),
    "pelatihan.siasn.hold": _("SIASN: record held"),
    "pelatihan.siasn.resend": _("SIASN: failed record sent again"),
    "pelatihan.siasn.lookup": _("SIASN: employee's SIASN id looked up"),
}


@hooks.register("register_log_actions")
def register_pelatihan_actions(actions):
    register_actions(actions, AUDIT_ACTIONS)


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "doc-full"
    menu_label = _("Programmes")
    add_to_admin_menu = False
    list_display = ["title", "route", "competency_kind", "jp", "is_active"]
    list_filter = ["route", "competency_kind", "is_active"]
    search_fields = ["title", "code", "provider"]
    panels = [
        FieldPanel("code"), FieldPanel("title"), FieldPanel("description"),
        MultiFieldPanel([FieldPanel("route"), FieldPanel("competency_kind"), FieldPanel("indicators")],
                        heading=_("What it develops")),
        MultiFieldPanel([FieldPanel("jp"), FieldPanel("provider"), FieldPanel("min_attendance_percent"),
                         FieldPanel("post_test_pass_mark"), FieldPanel("reevaluation_delay_days")],
                        heading=_("Credit and completion")),
        FieldPanel("is_active"),
    ]


class SessionViewSet(ModelViewSet):
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    add_to_admin_menu = False
    list_display = ["__str__", "capacity", "status", "approval_required"]
    list_filter = ["status", "approval_required", "programme"]
    search_fields = ["name", "programme__title"]
    panels = [
        FieldPanel("programme"), FieldPanel("name"),
        InlinePanel("days", heading=_("Meeting days"), label=_("Meeting day"), min_num=1),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        MultiFieldPanel([FieldPanel("capacity"), FieldPanel("registration_opens_at"),
                         FieldPanel("registration_closes_at"), FieldPanel("approval_required"),
                         FieldPanel("eligible_units")], heading=_("Registration")),
        FieldPanel("trainers"), FieldPanel("status"),
    ]


class SiasnKindCodeViewSet(ModelViewSet):
    """The SIASN code of each development route (and competency kind): shipped unconfirmed;
    records of a kind are sent only once BKPSDM confirms its code."""

    model = SiasnKindCode
    icon = "tag"
    menu_label = _("SIASN codes")
    add_to_admin_menu = False
    list_display = ["route", "competency_kind", "jenis_diklat_id", "label", "confirmed"]
    list_filter = ["confirmed", "route"]
    search_fields = ["label", "jenis_diklat_id"]
    panels = [
        MultiFieldPanel([FieldPanel("route"), FieldPanel("competency_kind")], heading=_("Development in the portal")),
        MultiFieldPanel([FieldPanel("jenis_diklat_id"), FieldPanel("label")], heading=_("In SIASN")),
        FieldPanel("confirmed"),
    ]


class TrainingGroup(ViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 250
    items = (ProgrammeViewSet("programmes"), SessionViewSet("sessions"), SiasnKindCodeViewSet("siasn_codes"))


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingGroup()
