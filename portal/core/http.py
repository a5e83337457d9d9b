"""Small helpers every app's views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme


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
