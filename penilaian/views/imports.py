"""HR's import pages (``/kinerja/impor/``).

Upload → preview (a dry run listing every bad row with its line number) → confirm. Between
preview and confirm the uploaded file is *staged* in the default storage (``MEDIA_ROOT``) under
a random name, and the confirm form carries a signed token (user, kind, scale, file name and
the file's SHA-256, valid for an hour). Why this and not the session or a re-upload: the file
survives between requests served by different workers, a phone user does not pick the file
twice, the session does not carry megabytes, and the token cannot be forged to import a file
someone else uploaded or a file changed after its preview. The confirm step checks the file
again inside its transaction, so what changed in the database since the preview is caught too.
"""

from __future__ import annotations

import hashlib
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from penilaian.forms import ScoreUploadForm, UploadForm
from penilaian.imports import columns
from penilaian.imports.run import run_import
from penilaian.imports.scales import SCALE_5
from penilaian.imports.staging import STAGE_DIR, purge_stale
from penilaian.models import AppraisalPeriod
from portal.core.roles import require_hr
from portal.core.tables import TableError, read_table, write_csv

# URL word → import kind.
KINDS = {"pegawai": columns.KIND_EMPLOYEES, "indikator": columns.KIND_INDICATORS, "nilai": columns.KIND_SCORES}
KIND_TITLES = {
    "pegawai": gettext_lazy("Employees"),
    "indikator": gettext_lazy("Indicators"),
    "nilai": gettext_lazy("Appraisal scores"),
}
FORMATS = ("csv", "xlsx")
STAGE_MAX_AGE = 3600  # seconds between preview and confirm
SIGNING_SALT = "penilaian.import.stage"
ERRORS_SHOWN = 1000  # on the page; the CSV download has them all


def kind_of(word: str) -> str:
    """The import kind a URL word names; 404 for any other word."""
    if word not in KINDS:
        raise Http404
    return KINDS[word]


def _upload_form(import_kind: str, *args):
    return (ScoreUploadForm if import_kind == columns.KIND_SCORES else UploadForm)(*args)


# --- Staging ---------------------------------------------------------------------------------


def stage(*, user, kind: str, data: bytes, name: str, scale: int) -> str:
    purge_stale()  # the scheduler also does it hourly
    ext = "xlsx" if name.lower().endswith(".xlsx") else "csv"
    path = default_storage.save(f"{STAGE_DIR}/{uuid.uuid4().hex}.{ext}", ContentFile(data))
    payload = {"p": path, "u": user.pk, "k": kind, "s": scale, "n": name[:200], "h": hashlib.sha256(data).hexdigest()}
    return signing.dumps(payload, salt=SIGNING_SALT)


class StageExpired(Exception):
    """The preview is older than an hour or its file is gone: upload again."""


def unstage(*, token: str, user, kind: str) -> tuple[dict, bytes]:
    """The staged file for this token; ``PermissionDenied`` when the token is forged, expired, for
    another user or kind, or the file changed."""
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=STAGE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise StageExpired from exc
    except signing.BadSignature as exc:
        raise PermissionDenied from exc
    if payload.get("u") != user.pk or payload.get("k") != kind or not str(payload.get("p", "")).startswith(STAGE_DIR + "/"):
        raise PermissionDenied
    try:
        with default_storage.open(payload["p"], "rb") as fh:
            data = fh.read()
    except (FileNotFoundError, OSError) as exc:
        raise StageExpired from exc
    if hashlib.sha256(data).hexdigest() != payload["h"]:
        raise PermissionDenied
    return payload, data


# --- Pages -----------------------------------------------------------------------------------


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
    })


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, kind):
    """GET: the upload form. POST: stage the file and show the preview (a dry run)."""
    require_hr(request.user)
    import_kind = kind_of(kind)
    form = _upload_form(import_kind, request.POST or None, request.FILES or None)
    context = {"kind": kind, "title": KIND_TITLES[kind], "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        scale = form.cleaned_data.get("scale", SCALE_5)
        data = upload.read()
        try:
            result = run_import(import_kind, read_table(data, upload.name), dry_run=True, scale=scale)
        except TableError as exc:
            form.add_error("file", str(exc))
        else:
            token = stage(user=request.user, kind=import_kind, data=data, name=upload.name, scale=scale) if result.ok else ""
            return _preview(request, kind, result, file_name=upload.name, token=token, scale=scale)
    return render(request, "penilaian/import_upload.html", context, status=400 if form.errors else 200)


def _preview(request, kind, result, *, file_name, token="", scale=SCALE_5, status=200):
    return render(request, "penilaian/import_preview.html", {
        "kind": kind, "title": KIND_TITLES[kind], "result": result, "file_name": file_name, "token": token,
        "scale": scale,
        "errors_shown": result.errors[:ERRORS_SHOWN], "errors_hidden": max(0, len(result.errors) - ERRORS_SHOWN),
    }, status=status)


@login_required
@require_POST
def import_confirm(request, kind):
    """Import the staged file, all or nothing; one audit record."""
    require_hr(request.user)
    import_kind = kind_of(kind)
    try:
        payload, data = unstage(token=request.POST.get("token", ""), user=request.user, kind=import_kind)
    except StageExpired:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("penilaian:import-upload", kind=kind)
    try:
        result = run_import(import_kind, read_table(data, payload["n"]), dry_run=False, actor=request.user, scale=payload["s"])
    except TableError as exc:  # cannot happen for a previewed file, but never a 500
        messages.error(request, str(exc))
        return redirect("penilaian:import-upload", kind=kind)
    if not result.ok:
        # The database changed since the preview (e.g. a period was closed): nothing was written.
        messages.error(request, _("Nothing was imported: the file no longer passes the checks."))
        return _preview(request, kind, result, file_name=payload["n"], scale=payload["s"], status=409)
    default_storage.delete(payload["p"])
    messages.success(request, _(
        "Imported %(name)s: %(created)s new, %(updated)s changed, %(unchanged)s unchanged."
    ) % {"name": payload["n"], "created": result.created + result.appraisals_created,
         "updated": result.updated + result.appraisals_updated, "unchanged": result.unchanged})
    return redirect("penilaian:import-index")


@login_required
@require_POST
def import_errors(request, kind):
    """Every error of an upload as CSV (line, message), for files with more than the page shows.
    The file is posted again: a file with errors is never staged."""
    require_hr(request.user)
    import_kind = kind_of(kind)
    form = _upload_form(import_kind, request.POST, request.FILES)
    if not form.is_valid():
        return redirect("penilaian:import-upload", kind=kind)
    upload = form.cleaned_data["file"]
    try:
        result = run_import(
            import_kind, read_table(upload.read(), upload.name), dry_run=True,
            scale=form.cleaned_data.get("scale", SCALE_5),
        )
    except TableError as exc:
        messages.error(request, str(exc))
        return redirect("penilaian:import-upload", kind=kind)
    rows = ((e.line, e.message) for e in result.errors)
    response = StreamingHttpResponse(write_csv([_("line"), _("error")], rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="errors-{kind}.csv"'
    return response
