"""The verification link printed on a certificate (and in its QR), on the site's public address."""

from __future__ import annotations

from django.urls import reverse

from portal.core.links import public_url


def verification_url(number: str) -> str:
    return public_url(reverse("pelatihan:certificate-verify", args=[number]))
