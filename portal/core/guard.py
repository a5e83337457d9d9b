"""No 500 on malformed input: a request that the database could not even store or compare is
refused with 400 (or 404) before a view runs.

- A NUL byte anywhere in the path, the query, a form field or a cookie: PostgreSQL text
  cannot hold it (``psycopg.DataError``), so ``/cari/?q=%00`` or ``/kinerja/pegawai/%00/``
  used to end in a 500.
- A number in the URL larger than PostgreSQL's ``bigint`` (``/kinerja/pegawai/99999999999999999999/``):
  no such row, so 404.
- An id that cannot be an id (``/admin/images/chooser/chosen/abc/``: some of Wagtail's admin
  views look ``abc`` up as a number and raise ``ValueError``): it names nothing, so 404.
- Whatever still slips through as a ``DataError`` (a value out of range for its column): 400,
  logged in one line.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404
from django.shortcuts import render

logger = logging.getLogger("portal.request")

BIGINT_MAX = 2**63 - 1
NUL = "\x00"


def _has_nul(request) -> bool:
    if NUL in request.path or NUL in request.META.get("QUERY_STRING", ""):
        return True
    for values in (request.GET, request.COOKIES):
        for key, value in values.items():
            if NUL in key or NUL in str(value):
                return True
    if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any(NUL in key or any(NUL in v for v in values) for key, values in request.POST.lists())
    return False


def _is_impossible_id(exception) -> bool:
    """Django's own messages for a lookup of a number or UUID field with text that is neither."""
    if isinstance(exception, (ValueError, TypeError)):
        return "expected a number but got" in str(exception)
    if isinstance(exception, ValidationError):
        return any("is not a valid UUID" in message for message in exception.messages)
    return False


def bad_request(request):
    return render(request, "400.html", status=400)


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refuse = _has_nul(request)
        except Exception:  # an unreadable body or query (bad encoding, truncated upload)
            refuse = True
        if refuse:
            logger.info("400 malformed input path=%r", request.path[:200])
            return bad_request(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -BIGINT_MAX <= value <= BIGINT_MAX:
                raise Http404
        return None

    def process_exception(self, request, exception):
        if _is_impossible_id(exception):
            raise Http404 from exception
        if isinstance(exception, DataError):
            logger.warning("400 data error path=%s: %s", request.path[:200], str(exception).splitlines()[0][:200])
            return bad_request(request)
        return None
