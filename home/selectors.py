"""Reads of the content pages for callers outside the pages themselves: the search view, the
gap and workshop pages that ask for guidance and good practice on an indicator, and the
certificates' issuer from the site settings.

Built on the models' querysets (``querysets.py``), so the rules are the pages' own. Every
function takes the user: pages under a view restriction the user does not pass (internal
material behind login) are left out, the same rule Wagtail applies when it serves the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import Paginator
from wagtail.models import Page, Site

from pelatihan.documents import certificates

from .models import GoodPracticePage, GuidancePage, SiteSettings
from .querysets import visible

SEARCH_PER_PAGE = 10


def guidance_for_indicators(indicator_ids: Iterable[int], *, user, limit: int | None = None) -> list[GuidancePage]:
    """Guidance pages tagged with any of the indicators (or their BerAKHLAK value), by title."""
    pages = GuidancePage.objects.about(indicator_ids, user=user).order_by("title")
    return list(pages[:limit] if limit else pages)


def good_practices_for_indicators(indicator_ids: Iterable[int], *, user, limit: int | None = 5) -> list[GoodPracticePage]:
    pages = GoodPracticePage.objects.about(indicator_ids, user=user).order_by("-first_published_at")
    return list(pages[:limit] if limit else pages)


def search_pages(query: str, *, user, page_number=None, per_page: int = SEARCH_PER_PAGE):
    """Full-text search over every live page the user may read (guidance, announcements, good
    practice and workshop pages). The PostgreSQL backend uses the 'indonesian' text-search
    configuration (see settings), so "pelatihan" also finds "melatih"."""
    query = (query or "").strip()
    if not query:
        return None
    queryset = visible(Page.objects.filter(depth__gt=2), user)
    results = queryset.specific().search(query, operator="and")
    return Paginator(results, per_page).get_page(page_number)


def _picture_bytes(image) -> bytes | None:
    """A PNG rendition of a Wagtail image, small enough for a PDF (None without an image)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("max-600x600|format-png")
        with rendition.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):  # the file is gone or unreadable: print the certificate without it
        return None


def certificate_issuer() -> certificates.Issuer:
    """Who issues the certificates, as BKPSDM set it in the site settings (the default site's):
    the institution, the logo, the signatory and the signature image."""
    site = Site.objects.filter(is_default_site=True).first()
    values = SiteSettings.objects.select_related("logo", "certificate_signature").filter(site=site).first()
    if values is None:
        return certificates.Issuer()
    institution = values.organisation.split(" — ", 1)[-1] if values.organisation else certificates.Issuer.institution
    return certificates.Issuer(
        institution=institution, signatory_name=values.certificate_signatory_name,
        signatory_nip=values.certificate_signatory_nip,
        signatory_position=values.certificate_signatory_position or certificates.Issuer.signatory_position,
        logo=_picture_bytes(values.logo), signature=_picture_bytes(values.certificate_signature),
    )
