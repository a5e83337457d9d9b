"""HR's column mapping page (``/kinerja/impor/<kind>/kolom/``) and the saved mappings.

The page shows the first rows of the staged file with their row numbers, lets HR say which row
names the columns (a plain GET form: the page reloads with that row as the header) and which
column holds each field, then runs the same preview as an ordinary upload. A name given here is
saved as an ``ImportProfile`` when the import is confirmed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from penilaian.forms.imports import MAX_HEADER_ROW, MappingForm
from penilaian.imports import staging
from penilaian.imports.mapping import Mapping, column_choices, guess
from penilaian.imports.staging import StageExpired
from penilaian.models import AppraisalPeriod, ImportProfile
from penilaian.services import imports as import_services
from portal.core.roles import require_hr
from portal.core.tables import TableError, column_letter, head, read_table

from .imports import KIND_TITLES, check, kind_of

HEAD_ROWS = 12


def _header_row(request, payload: dict) -> int | None:
    raw = request.POST.get("header_row") or request.GET.get("baris") or ""
    if raw.isdigit() and 1 <= int(raw) <= MAX_HEADER_ROW:
        return int(raw)
    saved = (payload.get("m") or {}).get("header_row")
    return saved or None


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request, kind):
    """Choose the header row and the columns of a staged file; POST: the preview through them."""
    require_hr(request.user)
    import_kind = kind_of(kind)
    token = request.POST.get("token") or request.GET.get("token", "")
    try:
        payload, data = staging.unstage(token=token, user=request.user, kind=import_kind)
    except StageExpired:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("penilaian:import-upload", kind=kind)
    header_row = _header_row(request, payload)
    context = {"kind": kind, "title": KIND_TITLES[kind], "token": token, "file_name": payload["n"]}
    top: list = []
    try:
        top = head(data, payload["n"], limit=HEAD_ROWS)
        table = read_table(data, payload["n"], header_row=header_row)
    except TableError as exc:
        context.update(problem=str(exc), header_row=header_row or 1, top=top)
        return render(request, "penilaian/import_mapping.html", _with_letters(context), status=400)
    header_row = table.header_line
    saved = Mapping.from_json(payload.get("m"))
    initial_columns = saved.columns if saved and saved.header_row == header_row else guess(table, import_kind)
    form = MappingForm(
        request.POST or None, kind=import_kind, columns=column_choices(table), initial_columns=initial_columns,
        periods=AppraisalPeriod.objects.order_by("-year", "kind", "-number"),
        initial={"header_row": header_row, "scale": payload["s"], "open_draft": payload["o"],
                 "period": saved.period if saved else "", "profile_name": payload.get("pn", "")},
    )
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        mapping = Mapping(header_row=header_row, columns=cleaned["columns"],
                          period="" if "period" in cleaned["columns"] else cleaned.get("period", ""))
        payload.update(m=mapping.as_json(), pn=cleaned["profile_name"].strip(),
                       s=cleaned.get("scale") or payload["s"], o=bool(cleaned.get("open_draft")))
        response = check(request, kind, payload, data)
        if response is not None:
            return response
        form.add_error(None, payload["problem"])
    context.update(form=form, header_row=header_row, top=top)
    return render(request, "penilaian/import_mapping.html", _with_letters(context),
                  status=400 if form.errors else 200)


def _with_letters(context: dict) -> dict:
    width = max((len(cells) for _n, cells in context.get("top", [])), default=0)
    context["letters"] = [column_letter(i) for i in range(width)]
    context["top"] = [(n, cells + [""] * (width - len(cells))) for n, cells in context.get("top", [])]
    return context


@login_required
@require_POST
def import_profile_delete(request, pk):
    require_hr(request.user)
    profile = get_object_or_404(ImportProfile, pk=pk)
    import_services.import_profile_delete(profile=profile, actor=request.user)
    messages.success(request, _("The column mapping “%(name)s” was deleted.") % {"name": profile.name})
    return redirect("penilaian:import-index")
