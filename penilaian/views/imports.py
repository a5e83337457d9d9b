"""HR's import pages (``/kinerja/impor/``).

Upload → (choose the columns, for a file that is not in the portal's own columns) → preview (a
dry run listing every bad row with its line number, and the columns as read) → confirm. The
uploaded file waits between the steps in ``penilaian.imports.staging`` under a signed token
that also carries how to read it (scale, column mapping, open draft periods). The confirm step
checks the file again inside its transaction, so what changed in the database since the preview
is caught too. The column mapping page is ``views.mapping``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian.forms.imports import ScoreUploadForm, UploadForm
from penilaian.imports import columns, staging
from penilaian.imports.columns import MissingColumns
from penilaian.imports.mapping import Mapping, described, read_mapped
from penilaian.imports.run import run_import
from penilaian.imports.scales import SCALE_5
from penilaian.imports.staging import StageExpired
from penilaian.models import AppraisalPeriod, ImportProfile
from penilaian.services import imports as import_services
from portal.core.roles import require_hr
from portal.core.tables import CSV_TYPE, TableError, read_table, write_csv

# URL word → import kind.
KINDS = {"pegawai": columns.KIND_EMPLOYEES, "indikator": columns.KIND_INDICATORS, "nilai": columns.KIND_SCORES}
KIND_TITLES = {
    "pegawai": gettext_lazy("Employees"),
    "indikator": gettext_lazy("Indicators"),
    "nilai": gettext_lazy("Appraisal scores"),
}
FORMATS = ("csv", "xlsx")
ERRORS_SHOWN = 1000  # on the page; the CSV download has them all


def kind_of(word: str) -> str:
    """The import kind a URL word names; 404 for any other word."""
    if word not in KINDS:
        raise Http404
    return KINDS[word]


def _upload_form(import_kind: str, *args):
    return (ScoreUploadForm if import_kind == columns.KIND_SCORES else UploadForm)(*args, kind=import_kind)


def mapping_url(kind_word: str, token: str) -> str:
    return reverse("penilaian:import-mapping", kwargs={"kind": kind_word}) + f"?token={token}"


@login_required
@require_GET
def import_index(request):
    require_hr(request.user)
    periods = AppraisalPeriod.objects.order_by("-year", "kind", "-number")
    return render(request, "penilaian/import_index.html", {
        "kinds": [(word, KIND_TITLES[word]) for word in KINDS], "periods": periods, "formats": FORMATS,
        "columns": {
            "pegawai": columns.EMPLOYEE_COLUMNS, "indikator": columns.INDICATOR_COLUMNS,
            "nilai": columns.SCORE_IMPORT_COLUMNS,
        },
        "profiles": ImportProfile.objects.all(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, kind):
    """GET: the upload form. POST: stage the file, then the preview (a dry run) or, when asked,
    the column mapping page."""
    require_hr(request.user)
    import_kind = kind_of(kind)
    form = _upload_form(import_kind, request.POST or None, request.FILES or None)
    context = {"kind": kind, "title": KIND_TITLES[kind], "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        profile = form.cleaned_data.get("profile")
        scale = form.cleaned_data.get("scale", SCALE_5)
        if profile is not None and scale == SCALE_5:
            scale = profile.scale
        mapping = Mapping.from_profile(profile, period=form.cleaned_data.get("period", "")) if profile else None
        data = upload.read()
        payload = staging.stage(user=request.user, kind=import_kind, data=data, name=upload.name, s=scale,
                                o=bool(form.cleaned_data.get("open_draft")), m=mapping.as_json() if mapping else None)
        if form.cleaned_data.get("map_columns"):
            return redirect(mapping_url(kind, staging.sign(payload)))
        response = check(request, kind, payload, data)
        if response is not None:
            return response
        if payload.get("mappable"):
            context["map_url"] = mapping_url(kind, staging.sign(payload))
        form.add_error("file", payload["problem"])
    return render(request, "penilaian/import_upload.html", context, status=400 if form.errors else 200)


def check(request, kind: str, payload: dict, data: bytes):
    """The preview of a staged file, or None with ``payload["problem"]`` when the file as a whole
    cannot be read (the caller shows the message)."""
    import_kind = KINDS[kind]
    mapping = Mapping.from_json(payload["m"])
    try:
        table = read_mapped(data, payload["n"], import_kind, mapping)
        result = run_import(import_kind, table, dry_run=True, scale=payload["s"], open_draft=payload["o"])
    except MissingColumns as exc:
        payload["problem"] = _("%(error)s Or choose which column holds what.") % {"error": exc}
        payload["mappable"] = True
        return None
    except TableError as exc:
        payload["problem"] = str(exc)
        return None
    token = staging.sign(payload)
    return _preview(request, kind, result, payload=payload, table=table, token=token if result.ok else "",
                    stage_token=token)


def _preview(request, kind, result, *, payload, table=None, token="", stage_token="", status=200):
    mapped_columns, sample = described(table, KINDS[kind]) if table is not None else ([], [])
    return render(request, "penilaian/import_preview.html", {
        "kind": kind, "title": KIND_TITLES[kind], "result": result, "file_name": payload["n"], "token": token,
        "stage_token": stage_token, "scale": payload["s"], "mapped": payload["m"] is not None,
        "profile_name": payload.get("pn", ""), "mapped_columns": mapped_columns, "sample": sample,
        "map_url": mapping_url(kind, stage_token) if stage_token else "",
        "errors_shown": result.errors[:ERRORS_SHOWN], "errors_hidden": max(0, len(result.errors) - ERRORS_SHOWN),
    }, status=status)


@login_required
@require_POST
def import_confirm(request, kind):
    """Import the staged file, all or nothing; one audit record. A mapping named on the mapping
    page is saved now, once it has read a whole file without an error."""
    require_hr(request.user)
    import_kind = kind_of(kind)
    try:
        payload, data = staging.unstage(token=request.POST.get("token", ""), user=request.user, kind=import_kind)
    except StageExpired:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("penilaian:import-upload", kind=kind)
    mapping = Mapping.from_json(payload["m"])
    try:
        table = read_mapped(data, payload["n"], import_kind, mapping)
        result = run_import(import_kind, table, dry_run=False, actor=request.user, scale=payload["s"],
                            open_draft=payload["o"])
    except TableError as exc:  # cannot happen for a previewed file, but never a 500
        messages.error(request, str(exc))
        return redirect("penilaian:import-upload", kind=kind)
    if not result.ok:
        # The database changed since the preview (e.g. a period was closed): nothing was written.
        messages.error(request, _("Nothing was imported: the file no longer passes the checks."))
        return _preview(request, kind, result, payload=payload, table=table, stage_token=request.POST["token"],
                        status=409)
    staging.discard(payload)
    if mapping is not None and payload.get("pn"):
        profile = import_services.import_profile_save(name=payload["pn"], kind=import_kind, mapping=mapping,
                                                      scale=payload["s"], actor=request.user)
        messages.info(request, _("The column mapping “%(name)s” was saved.") % {"name": profile.name})
    if result.periods_opened:
        messages.info(request, _("Opened for self-evaluation: %(periods)s.") % {"periods": ", ".join(result.periods_opened)})
    messages.success(request, _(
        "Imported %(name)s: %(created)s new, %(updated)s changed, %(unchanged)s unchanged."
    ) % {"name": payload["n"], "created": result.created + result.appraisals_created,
         "updated": result.updated + result.appraisals_updated, "unchanged": result.unchanged})
    return redirect("penilaian:import-index")


@login_required
@require_POST
def import_errors(request, kind):
    """Every error of an upload as CSV (line, message), for files with more than the page shows:
    the staged file of the preview's token, or the file posted again."""
    require_hr(request.user)
    import_kind = kind_of(kind)
    try:
        table, options = _errors_source(request, import_kind)
    except StageExpired:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("penilaian:import-upload", kind=kind)
    except TableError as exc:
        messages.error(request, str(exc))
        return redirect("penilaian:import-upload", kind=kind)
    if table is None:
        return redirect("penilaian:import-upload", kind=kind)
    result = run_import(import_kind, table, dry_run=True, **options)
    rows = ((e.line, e.message) for e in result.errors)
    response = StreamingHttpResponse(write_csv([_("line"), _("error")], rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="errors-{kind}.csv"'
    return response


def _errors_source(request, import_kind):
    if request.POST.get("token"):
        payload, data = staging.unstage(token=request.POST["token"], user=request.user, kind=import_kind)
        table = read_mapped(data, payload["n"], import_kind, Mapping.from_json(payload["m"]))
        return table, {"scale": payload["s"], "open_draft": payload["o"]}
    form = _upload_form(import_kind, request.POST, request.FILES)
    if not form.is_valid():
        return None, {}
    upload = form.cleaned_data["file"]
    options = {"scale": form.cleaned_data.get("scale", SCALE_5), "open_draft": bool(form.cleaned_data.get("open_draft"))}
    return read_table(upload.read(), upload.name), options
