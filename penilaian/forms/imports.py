"""Upload and column-mapping forms. They check only the file's name and size; its content is
the import's to check."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.tables import MAX_FILE_BYTES

from ..imports.columns import FIELD_LABELS, FIELDS, KIND_SCORES, REQUIRED
from ..imports.mapping import missing_fields
from ..imports.scales import SCALE_5, SCALE_100
from ..models import (
    AppraisalPeriod,
    ImportProfile,
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The first row names the columns. At most 25 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    profile = forms.ModelChoiceField(
        label=_("Column mapping"), queryset=ImportProfile.objects.none(), required=False,
        empty_label=_("None: the portal's own columns"),
        help_text=_("For a file with other columns (e.g. an e-Kinerja recap), pick a saved mapping."),
    )
    map_columns = forms.BooleanField(
        label=_("Choose the columns myself (a file with other column names or a title above the header)"),
        required=False,
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = ImportProfile.objects.filter(kind=kind)
        if not self.fields["profile"].queryset.exists():
            del self.fields["profile"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(gettext("Upload a CSV or XLSX file."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


SCALE_FIELD_CHOICES = [(SCALE_5, _("1–5 (current)")), (SCALE_100, _("0–100 (PP 46/2011, converted)"))]
OPEN_DRAFT_LABEL = _("Open draft periods: a period of the file still in draft is opened (every active "
                     "employee's appraisal, as the period page does) before the scores are imported")


def scale_field():
    return forms.TypedChoiceField(
        label=_("Scale of the scores"), choices=SCALE_FIELD_CHOICES, coerce=int, initial=SCALE_5, required=False,
        empty_value=SCALE_5,
        help_text=_("For rows without a “scale” column. 0–100 scores become 1–5: 91+ → 5, 76–90 → 4, "
                    "61–75 → 3, 51–60 → 2, 50 or less → 1."),
    )


class ScoreUploadForm(UploadForm):
    scale = scale_field()
    open_draft = forms.BooleanField(label=OPEN_DRAFT_LABEL, required=False)
    period = forms.ChoiceField(
        label=_("Period of every row"), required=False,
        help_text=_("Only for a column mapping whose files have no period column (a recap names it in its title)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "profile" not in self.fields:
            del self.fields["period"]
            return
        self.fields["period"].choices = [("", "—"), *[(p.code, f"{p.name} ({p.code})") for p in
                                                      AppraisalPeriod.objects.order_by("-year", "kind", "-number")]]

    def clean(self):
        data = super().clean()
        profile = data.get("profile")
        if profile is not None and missing_fields(profile.kind, profile.columns, period=data.get("period", "")):
            self.add_error("period", gettext("This column mapping has no period column: choose the period."))
        return data


MAX_HEADER_ROW = 50


class MappingForm(forms.Form):
    """Which row names the columns and which column holds each field (``imports.mapping``)."""

    def __init__(self, *args, kind: str, columns: list[tuple[str, str]], initial_columns: dict[str, str],
                 periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["header_row"] = forms.IntegerField(min_value=1, max_value=MAX_HEADER_ROW, widget=forms.HiddenInput)
        options = [("", gettext("— not in the file —")), *columns]
        for name in FIELDS[kind]:
            label = FIELD_LABELS[name]
            if name in REQUIRED[kind]:
                label = format_lazy("{} *", label)
            self.fields[f"col_{name}"] = forms.ChoiceField(
                label=label, choices=options, required=False, initial=initial_columns.get(name, ""),
            )
        if kind == KIND_SCORES:
            self.fields["period"] = forms.ChoiceField(
                label=_("Or one period for the whole file"), required=False,
                choices=[("", "—"), *[(p.code, f"{p.name} ({p.code})") for p in periods]],
                help_text=_("When no column holds the period (a recap sheet names it in its title)."),
            )
            self.fields["scale"] = scale_field()
            self.fields["open_draft"] = forms.BooleanField(label=OPEN_DRAFT_LABEL, required=False)
        self.fields["profile_name"] = forms.CharField(
            label=_("Save this mapping as"), max_length=80, required=False,
            help_text=_("Saved when you confirm the import; a mapping of the same name is replaced."),
        )

    def clean(self):
        data = super().clean()
        chosen = {name: data.get(f"col_{name}") for name in FIELDS[self.kind] if data.get(f"col_{name}")}
        for name in missing_fields(self.kind, chosen, period=data.get("period", "")):
            self.add_error(f"col_{name}", gettext("Choose the column that holds this."))
        used: dict[str, str] = {}
        for name, column in chosen.items():
            if column in used:
                self.add_error(f"col_{name}", gettext("This column is already chosen for “%(field)s”.")
                               % {"field": FIELD_LABELS[used[column]]})
            used.setdefault(column, name)
        data["columns"] = chosen
        return data


