"""Every form of the training app. The 1–5 answers of surveys, feedback and re-evaluations are
plain radio inputs in the templates (``SCALE_CHOICES``); the services check them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.files import checked_upload

from .models import COACHING_ROUTES, AttendanceStatus, CompetencyKind, Route
from .rules import SCALE

SCALE_CHOICES = [(str(i), str(i)) for i in SCALE]


def with_posted(table, posted) -> list[tuple[str, str, str]]:
    """(code, text, the value posted back) so a form that failed keeps the answers."""
    return [(code, text, posted.get(code, "")) for code, text in table]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class IdListField(forms.Field):
    """Several ids from checkboxes of one name (``request.POST.getlist``)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(_("Choose from the list."), code="invalid") from exc


class BulkApprovalForm(forms.Form):
    """The registrations ticked for approval; whether this user may decide each one is the
    approval service's check."""

    enrolment = IdListField(error_messages={"required": _("Tick at least one registration to approve.")})


class HrEnrolForm(forms.Form):
    nip = forms.CharField(label=_("NIP of the employee"), max_length=30)

    def clean_nip(self):
        return "".join(ch for ch in self.cleaned_data["nip"] if ch.isdigit())


# Routes an employee records from outside BKPSDM (coaching and mentoring come from coaching plans).
OWN_RECORD_ROUTES = [(value, label) for value, label in Route.choices if value not in (Route.COACHING, Route.MENTORING)]


class RecordForm(forms.Form):
    """An employee's training outside BKPSDM (e-learning, a webinar, a seminar …) with its
    certificate, for BKPSDM to verify."""

    title = forms.CharField(label=_("Name of the training"), max_length=200)
    provider = forms.CharField(label=_("Organiser (penyelenggara)"), max_length=200,
                               help_text=_("For example: Kemendikdasmen, LAN, a university."))
    route = forms.ChoiceField(label=_("Kind of learning"), choices=OWN_RECORD_ROUTES, initial=Route.E_LEARNING)
    competency_kind = forms.ChoiceField(label=_("Competency kind"), choices=CompetencyKind.choices,
                                        initial=CompetencyKind.TEKNIS)
    start_date = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    jp = forms.IntegerField(label=_("JP (learning hours of 45 minutes)"), min_value=1, max_value=1000,
                            help_text=_("As written on the certificate."))
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    certificate_file = forms.FileField(
        label=_("Certificate (PDF, JPG or PNG, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def clean_certificate_file(self):
        upload = self.cleaned_data.get("certificate_file")
        if upload:
            checked_upload(upload)  # by content; a ValidationError becomes this field's message
        return upload

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class ExternalRecordForm(RecordForm):
    """HR adds a record for an employee (by NIP); the certificate file is optional there."""

    nip = forms.CharField(label=_("NIP of the employee"), max_length=30)
    field_order = ["nip"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate_file"].required = False
        self.fields["route"].choices = Route.choices

    def clean_nip(self):
        return "".join(ch for ch in self.cleaned_data["nip"] if ch.isdigit())


class SheetForm(forms.Form):
    """Built per participant: ``status_<enrolment id>`` and ``note_<enrolment id>``."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.enrolment.pk
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                choices=[("", "—"), *AttendanceStatus.choices], required=False,
                initial=row.record.status if row.record else "",
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                max_length=200, required=False, initial=row.record.note if row.record else ""
            )

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            row.enrolment.pk: (self.cleaned_data[f"status_{row.enrolment.pk}"], self.cleaned_data[f"note_{row.enrolment.pk}"])
            for row in self.rows
            if self.cleaned_data.get(f"status_{row.enrolment.pk}")
        }


class PlanForm(forms.Form):
    goal = forms.CharField(label=_("Goal of the coaching"), widget=forms.Textarea(attrs={"rows": 3}))
    indicators = forms.MultipleChoiceField(label=_("Competencies concerned"), widget=forms.CheckboxSelectMultiple)


class MeetingForm(forms.Form):
    route = forms.ChoiceField(label=_("Route"), choices=[(r.value, r.label) for r in COACHING_ROUTES])
    topic = forms.CharField(label=_("Topic"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
