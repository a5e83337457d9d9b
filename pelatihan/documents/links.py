"""Absolute links for what leaves the portal: e-mails, calendar events and the verification
link printed on a certificate."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def verification_url(number: str) -> str:
    return absolute_url(reverse("pelatihan:certificate-verify", args=[number]))
