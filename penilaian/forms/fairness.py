"""Forms of the transparent and fair appraisal: expectations, documentation, multi-source input,
objections and the unit's own predikat."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import (
    Aspect,
    NoteTopic,
    ObjectionOutcome,
    OrganisationPredikat,
    Rating,
)

BLANK_RESULTS = 2  # empty RHK blocks under the existing ones; save to get more
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def plain(number):
    """A decimal as people type it: 100 (not 1E+2, not 100.00), 3.5."""
    return None if number is None else format(number.normalize(), "f")


class PlanForm(forms.Form):
    """A subordinate's RHK (each with up to three targets: quantity, quality, time) and the
    behaviour expectation per BerAKHLAK value. Works without JavaScript: the existing RHK and
    two empty blocks; an emptied title removes an RHK."""

    def __init__(self, *args, plan=None, values=(), supports=(), **kwargs):
        super().__init__(*args, **kwargs)
        results = list(plan.results.all()) if plan else []
        self.blocks = []
        support_choices = [("", "—")] + [(str(r.pk), r.title) for r in supports]
        for i, result in enumerate(results + [None] * BLANK_RESULTS):
            targets = {t.aspect: t for t in result.targets.all()} if result else {}
            p = f"r{i}"
            self.fields[f"{p}_id"] = forms.IntegerField(required=False, widget=forms.HiddenInput,
                                                        initial=result.pk if result else None)
            self.fields[f"{p}_title"] = forms.CharField(label=_("Planned work result (RHK)"), required=False,
                                                        max_length=500, initial=result.title if result else "")
            if supports:
                self.fields[f"{p}_supports"] = forms.ChoiceField(
                    label=_("Supports the supervisor's RHK"), choices=support_choices, required=False,
                    initial=str(result.supports_id or "") if result else "")
            for aspect, label in Aspect.choices:
                t = targets.get(aspect)
                self.fields[f"{p}_{aspect}_indicator"] = forms.CharField(
                    label=_("Indicator (%(aspect)s)") % {"aspect": label}, required=False, max_length=300,
                    initial=t.indicator if t else "")
                self.fields[f"{p}_{aspect}_target"] = forms.DecimalField(
                    label=_("Target"), required=False, min_value=0, max_digits=12, decimal_places=2,
                    initial=plain(t.target) if t else None)
                self.fields[f"{p}_{aspect}_unit"] = forms.CharField(label=_("Unit of measure"), required=False, max_length=40,
                                                                    initial=t.unit if t else "")
            self.blocks.append(p)
        expectations = {b.value_id: b.text for b in plan.behaviours.all()} if plan else {}
        self.values = list(values)
        for value in self.values:
            self.fields[f"b{value.pk}"] = forms.CharField(
                label=value.name, required=False, max_length=2000, initial=expectations.get(value.pk, ""),
                widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        for p in self.blocks:
            for aspect, _label in Aspect.choices:
                indicator, target = data.get(f"{p}_{aspect}_indicator"), data.get(f"{p}_{aspect}_target")
                if indicator and not target:
                    self.add_error(f"{p}_{aspect}_target", gettext("Give the target."))
        return data

    def result_blocks(self):
        """(prefix, title, supports, [(aspect label, indicator, target, unit)]) for the template."""
        for p in self.blocks:
            yield (p, self[f"{p}_title"], self[f"{p}_supports"] if f"{p}_supports" in self.fields else None,
                   [(label, self[f"{p}_{a}_indicator"], self[f"{p}_{a}_target"], self[f"{p}_{a}_unit"])
                    for a, label in Aspect.choices])

    def behaviour_fields(self):
        return [self[f"b{v.pk}"] for v in self.values]

    def results(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"id": d.get(f"{p}_id"), "title": d.get(f"{p}_title", ""), "supports_id": d.get(f"{p}_supports") or None,
             "targets": [{"aspect": a, "indicator": d[f"{p}_{a}_indicator"], "target": d[f"{p}_{a}_target"],
                          "unit": d[f"{p}_{a}_unit"]} for a in Aspect.values if d.get(f"{p}_{a}_indicator")]}
            for p in self.blocks
        ]

    def behaviours(self) -> dict[int, str]:
        return {v.pk: self.cleaned_data.get(f"b{v.pk}", "") for v in self.values}


class GroupPlanForm(PlanForm):
    """One template for several direct subordinates at once."""

    def __init__(self, *args, team=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employees"] = forms.MultipleChoiceField(
            label=_("Apply to"), choices=[(str(e.pk), f"{e.full_name} — {e.position_label}") for e in team],
            widget=forms.CheckboxSelectMultiple)


class RealisationForm(forms.Form):
    """The employee's realisation (and a note) per target of their plan."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = [t for r in plan.results.all() for t in r.targets.all()]
        for t in self.targets:
            current = getattr(t, "realisation", None)
            self.fields[f"v{t.pk}"] = forms.DecimalField(
                label=_("Realisation (%(unit)s)") % {"unit": t.unit}, required=False, min_value=0, max_digits=12,
                decimal_places=2, initial=plain(current.value) if current else None)
            self.fields[f"n{t.pk}"] = forms.CharField(label=_("Note"), required=False, max_length=1000,
                                                      initial=current.note if current else "")

    def rows(self):
        """One dict per target (``target``, ``value``, ``note``), in RHK order, for ``regroup``."""
        return [{"target": t, "result": t.result, "value": self[f"v{t.pk}"], "note": self[f"n{t.pk}"]}
                for t in self.targets]

    def values(self) -> dict[int, tuple]:
        return {t.pk: (self.cleaned_data.get(f"v{t.pk}"), self.cleaned_data.get(f"n{t.pk}", "")) for t in self.targets}


class EvidenceForm(forms.Form):
    result = forms.TypedChoiceField(label=_("For the RHK"), coerce=int)
    description = forms.CharField(label=_("What it shows"), max_length=300)
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("or a file (PDF, JPG, PNG, DOCX, XLSX; at most 5 MB)"), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [(r.pk, r.title) for r in plan.results.all()]


class FeedbackNoteForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    topic = forms.ChoiceField(label=_("About"), choices=NoteTopic.choices)
    result = forms.TypedChoiceField(label=_("RHK (for a note on results)"), coerce=int, required=False, empty_value=None)
    value = forms.TypedChoiceField(label=_("BerAKHLAK value (for a note on behaviour)"), coerce=int, required=False,
                                   empty_value=None)
    text = forms.CharField(label=_("Feedback"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan=None, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [("", "—")] + [(r.pk, r.title) for r in (plan.results.all() if plan else [])]
        self.fields["value"].choices = [("", "—")] + [(v.pk, v.name) for v in values]


class DialogueForm(forms.Form):
    date = forms.DateField(label=_("Date of the dialogue"), widget=DATE_INPUT)
    agreed = forms.CharField(label=_("What was agreed"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class InviteColleaguesForm(forms.Form):
    raters = forms.MultipleChoiceField(label=_("Invite"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raters"].choices = [(str(e.pk), f"{e.full_name} — {e.position_label}") for e in choices]


class InviteStakeholderForm(forms.Form):
    email = forms.EmailField(label=_("Stakeholder's e-mail (optional: else pass the link on yourself)"), required=False)


class MultisourceAnswerForm(forms.Form):
    """1–5 per BerAKHLAK value and an optional comment; nothing about the rater."""

    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.values = list(values)
        for v in self.values:
            self.fields[f"v{v.pk}"] = forms.TypedChoiceField(
                label=v.name, help_text=v.description, choices=[(str(i), str(i)) for i in range(1, 6)], coerce=int,
                widget=forms.RadioSelect)
        self.order_fields([f"v{v.pk}" for v in self.values] + ["comment"])

    def scores(self) -> dict[int, int]:
        return {v.pk: self.cleaned_data[f"v{v.pk}"] for v in self.values}


class ObjectionForm(forms.Form):
    reasons = forms.CharField(label=_("Why you disagree"), max_length=6000, widget=forms.Textarea(attrs={"rows": 5}))


class ExplanationsForm(forms.Form):
    appraiser_explanation = forms.CharField(label=_("The appraiser's explanation"), max_length=6000,
                                            widget=forms.Textarea(attrs={"rows": 4}))
    employee_explanation = forms.CharField(label=_("The employee's explanation"), max_length=6000,
                                           widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=ObjectionOutcome.choices, widget=forms.RadioSelect)
    rating_hasil_kerja = forms.ChoiceField(label=_("Work results (hasil kerja)"), choices=[("", "—"), *Rating.choices],
                                           required=False)
    rating_perilaku = forms.ChoiceField(label=_("Work behaviour (perilaku kerja)"), choices=[("", "—"), *Rating.choices],
                                        required=False)
    decision = forms.CharField(label=_("Decision and its reasons"), max_length=6000, widget=forms.Textarea(attrs={"rows": 4}))


class UnitPredikatForm(forms.Form):
    """The own predikat of every top-level unit for a period (empty: not set)."""

    def __init__(self, *args, units=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(units)
        for unit in self.units:
            self.fields[f"u{unit.pk}"] = forms.ChoiceField(
                label=unit.name, choices=[("", "—"), *OrganisationPredikat.choices], required=False,
                initial=(current or {}).get(unit.pk, ""))

    def values(self):
        return [(unit, self.cleaned_data.get(f"u{unit.pk}", "")) for unit in self.units]

