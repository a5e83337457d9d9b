"""Appraisal forms: the score forms (built from the appraisal's score rows, so they keep what was
typed when the service refuses the submission) and the period form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    AppraisalPeriod,
    PeriodKind,
    Rating,
)

SCORE_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(1, 6)]


class ScoresForm(forms.Form):
    """One score (1–5) and note per indicator; the employee also gives an evidence link."""

    def __init__(self, *args, scores, who: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = scores
        self.who = who
        for s in scores:
            current = s.self_score if who == "self" else s.supervisor_score
            self.fields[f"score_{s.indicator_id}"] = forms.ChoiceField(
                label=s.indicator.name, choices=SCORE_CHOICES, required=False, initial=current or "",
                widget=forms.RadioSelect,
            )
            note = s.self_note if who == "self" else s.supervisor_note
            self.fields[f"note_{s.indicator_id}"] = forms.CharField(
                label=_("Note"), required=False, initial=note, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
            )
            if who == "self":
                self.fields[f"evidence_{s.indicator_id}"] = forms.URLField(
                    label=_("Evidence link (optional)"), required=False, initial=s.evidence_url, assume_scheme="https"
                )

    def rows(self):
        """(score row, score field, note field, evidence field or None) for the template."""
        for s in self.scores:
            yield (
                s, self[f"score_{s.indicator_id}"], self[f"note_{s.indicator_id}"],
                self[f"evidence_{s.indicator_id}"] if self.who == "self" else None,
            )

    def score_values(self) -> dict[int, dict]:
        data = {}
        for s in self.scores:
            values = {
                "score": self.cleaned_data.get(f"score_{s.indicator_id}") or None,
                "note": self.cleaned_data.get(f"note_{s.indicator_id}", ""),
            }
            if self.who == "self":
                values["evidence_url"] = self.cleaned_data.get(f"evidence_{s.indicator_id}", "")
            data[s.indicator_id] = values
        return data


class SelfEvaluationForm(ScoresForm):
    def __init__(self, *args, appraisal, scores, **kwargs):
        super().__init__(*args, scores=scores, who="self", **kwargs)
        self.fields["self_note"] = forms.CharField(
            label=_("Overall note for your supervisor"), required=False, initial=appraisal.self_note,
            widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        )


class AssessmentForm(ScoresForm):
    def __init__(self, *args, appraisal, scores, **kwargs):
        super().__init__(*args, scores=scores, who="supervisor", **kwargs)
        rating_choices = [("", "—"), *Rating.choices]
        self.fields["feedback"] = forms.CharField(
            label=_("Written feedback"), required=False, initial=appraisal.feedback,
            widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        )
        self.fields["rating_hasil_kerja"] = forms.ChoiceField(
            label=_("Work results (hasil kerja)"), choices=rating_choices, required=False,
            initial=appraisal.rating_hasil_kerja,
        )
        self.fields["rating_hasil_kerja_reason"] = forms.CharField(
            label=_("Reason, if you change the suggested work results rating"), required=False,
            initial=appraisal.rating_hasil_kerja_reason, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
        )
        self.fields["rating_perilaku"] = forms.ChoiceField(
            label=_("Work behaviour (perilaku kerja)"), choices=rating_choices, required=False,
            initial=appraisal.rating_perilaku or appraisal.rating_perilaku_suggested,
        )
        self.fields["rating_perilaku_reason"] = forms.CharField(
            label=_("Reason, if you change the suggested behaviour rating"), required=False,
            initial=appraisal.rating_perilaku_reason, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
        )


class PeriodForm(forms.ModelForm):
    class Meta:
        model = AppraisalPeriod
        fields = ["name", "year", "kind", "number", "start_date", "end_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}), "end_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), data.get("number")
        if kind == PeriodKind.ANNUAL and number:
            self.add_error("number", _("An annual period has no quarter or month."))
        if kind == PeriodKind.QUARTERLY and not (number and 1 <= number <= 4):
            self.add_error("number", _("A quarterly period needs a quarter from 1 to 4."))
        if kind == PeriodKind.MONTHLY and not (number and 1 <= number <= 12):
            self.add_error("number", _("A monthly period needs a month from 1 to 12."))
        return data


