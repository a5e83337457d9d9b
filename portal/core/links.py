"""Absolute links for everything that leaves the browser: e-mails, calendar files, the check-in
QR, certificates and their QR. One setting, ``settings.PUBLIC_URL``, is the site's public
address; a link is never built from the request's host (behind a proxy, or from ``runserver`` on
another port, that host is not what a phone or a printed page can reach)."""

from __future__ import annotations

from django.conf import settings


def public_url(path: str = "/") -> str:
    """``path`` (an absolute path such as ``reverse(...)`` returns) on the site's public address."""
    return settings.PUBLIC_URL.rstrip("/") + "/" + path.lstrip("/")
