"""Small helpers every app's views share."""

from __future__ import annotations

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from .tables import CSV_TYPE, XLSX_TYPE, write_csv, xlsx_temporary_file

XLSX_IN_MEMORY_BYTES = 1024 * 1024


def safe_next(request, default: str) -> str:
    """The ``next`` parameter (POST, then GET) when it points back into this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def error_message(exc: ValidationError) -> str:
    """A domain error (a ``ValidationError`` subclass with a code) as one line for ``messages``."""
    return " ".join(exc.messages)


def table_download(headers, rows, *, fmt: str, name: str, title: str = ""):
    """A table as a download through the one safe writer: CSV streamed in pieces as the rows
    come (a server-side cursor behind ``rows`` keeps memory flat), XLSX written in write-only
    mode to a temporary file and streamed from disk. 404 for another format."""
    if fmt == "csv":
        response = StreamingHttpResponse(write_csv(headers, rows), content_type=CSV_TYPE)
    elif fmt == "xlsx":
        fh = xlsx_temporary_file(headers, rows, title=title or name)
        size = fh.seek(0, 2)
        fh.seek(0)
        if size <= XLSX_IN_MEMORY_BYTES:  # a small file is simply sent; a large one streams from disk
            with fh:
                response = HttpResponse(fh.read(), content_type=XLSX_TYPE)
        else:
            response = FileResponse(fh, content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def over_limit(request, *, scope: str, limits: list[tuple[int, int]], key: str = "") -> bool:
    """Count this request against the client address (with ``key`` when given, e.g. a link's
    token, hashed) and say whether it goes over any of ``limits`` — (requests, seconds) windows —
    for ``scope``. Counts live in the cache (shared by every worker once REDIS_URL is set), one
    fixed window per address. Works for GET as well (public pages anyone may open, but not
    without end). The one rate limit outside allauth's (which limits login, activation and
    password reset itself)."""
    who = get_adapter().get_client_ip(request)
    if key:
        who += "|" + hashlib.sha256(key.encode()).hexdigest()[:32]
    now = int(time.time())
    over = False
    for amount, seconds in limits:
        cache_key = f"portal:limit:{scope}:{seconds}:{now // seconds}:{who}"
        cache.add(cache_key, 0, seconds + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window expired between add and incr
            cache.set(cache_key, 1, seconds + 1)
            count = 1
        over = over or count > amount
    return over

