"""The portal's content on day one: the Wagtail page tree, written in Indonesian.

The guidance library (also the socialisation material and the FAQ), announcements, the first
praktik baik (the Dinas Pendidikan story of ``story.py``, told in words; its figures are the
training programme's, live, once ``link_programmes`` has linked it), the site settings, and — once training exists — one workshop
page per published session. The words are ``data/pages/*.yaml``; this module turns their blocks
into Wagtail's raw StreamField format and publishes the pages.

Idempotent: a page is created only when its slug does not exist under its parent yet, so a
second run changes nothing and never overwrites what editors have changed.
"""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction, Site

from home.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    GoodPracticeIndexPage,
    GoodPracticePage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    SiteSettings,
)
from home.workshop_pages import WorkshopIndexPage, WorkshopPage
from pelatihan.models import Programme
from pelatihan.selectors import sessions as session_selectors
from penilaian import catalogue
from penilaian.models import Employee, Indicator, PositionKind, Unit
from penilaian.rules import PREDIKAT_MATRIX

from . import files, story
from .loader import days_from, load


def _ul(items) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _predikat_matrix(spec: dict) -> str:
    """The predikat matrix of the appraisal rules as a list, in the words of the data file."""
    ratings, predikat = spec["ratings"], spec["predikat"]
    return _ul(
        spec["item"].format(
            hasil=ratings[hasil], perilaku=ratings[perilaku], predikat=predikat[PREDIKAT_MATRIX[(hasil, perilaku)]]
        )
        for hasil in ratings for perilaku in ratings
    )


def _berakhlak_values(template: str) -> list[dict]:
    return [
        {"type": "text", "value": template.format(
            number=number, name=escape(name), description=escape(description), behaviours=_ul(behaviours),
        )}
        for number, (_code, name, description, behaviours) in enumerate(catalogue.BERAKHLAK, start=1)
    ]


def fill(value, generated: dict[str, str]):
    """``value`` (text, or lists and dicts of it) with each placeholder of ``generated`` replaced."""
    if isinstance(value, str):
        for placeholder, text in generated.items():
            value = value.replace(placeholder, text)
        return value
    if isinstance(value, list):
        return [fill(v, generated) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, generated) for k, v in value.items()}
    return value


def blocks(body: list[dict], *, documents: dict, generated: dict[str, str]) -> list[dict]:
    """Blocks of a data file ({type: value}) in Wagtail's raw format ({"type", "value"}).
    A document block names its file by key; ``generated`` fills placeholders in the words."""
    out = []
    for block in body:
        ((kind, value),) = block.items()
        if kind == "berakhlak_values":
            out += _berakhlak_values(value)
            continue
        if kind == "document":
            value = {"document": documents[value["document"]].pk, "title": value.get("title", ""),
                     "description": value.get("description", "")}
        else:
            value = fill(value, generated)
        out.append({"type": kind, "value": value})
    return out


def _child(parent: Page, model, spec: dict, created: list, **fields):
    """The live child page with the spec's slug, created and published when missing."""
    existing = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    page = model(slug=spec["slug"], **fields)
    parent.add_child(instance=page)
    if spec.get("indicators"):
        page.indicators.set(Indicator.objects.filter(code__in=spec["indicators"]))
    if spec.get("units"):
        page.units.set(Unit.objects.filter(code__in=spec["units"]))
    if spec.get("tags"):
        page.tags.add(*spec["tags"])
    if spec.get("programme"):  # exists once the training is built (``link_programmes`` fills it later)
        page.programme = Programme.objects.filter(code=spec["programme"]).first()
    page.save_revision().publish()
    if spec.get("private"):
        PageViewRestriction.objects.get_or_create(page=page, restriction_type=PageViewRestriction.LOGIN)
    created.append(page)
    return page


def _section(home: HomePage, name: str, index_model, page_model, created: list, *, fields: tuple[str, ...],
             documents: dict, today: dt.date) -> dict[str, Page]:
    """An index page under the home page and its pages, from ``data/pages/<name>.yaml``.
    Returns the pages by path below the home page (``panduan``, ``panduan/tanya-jawab``)."""
    data = load(f"pages/{name}")
    spec = data["index"]
    index = _child(home, index_model, spec, created, title=spec["title"], intro=spec["intro"])
    pages = {spec["slug"]: index}
    year = story.story_year(today)
    generated = {"{story_year}": str(year), "{after_year}": str(year + 1), "{this_year}": str(today.year)}
    if "predikat_matrix" in data:
        generated["{predikat_matrix}"] = _predikat_matrix(data["predikat_matrix"])
    for spec in data["pages"]:
        values = {key: fill(spec[key], generated) for key in fields if key in spec}
        for key in ("date", "expires"):  # dates are days from the day the demo is built
            if f"{key}_offset_days" in spec:
                values[key] = days_from(today, spec[f"{key}_offset_days"])
        body = json.dumps(blocks(spec["body"], documents=documents, generated=generated))
        pages[f"{index.slug}/{spec['slug']}"] = _child(index, page_model, spec, created, body=body, **values)
    return pages


def seed_content(*, today: dt.date | None = None) -> dict[str, int]:
    """Create the page tree and its content. Returns what was created."""
    today = today or timezone.localdate()
    catalogue.catalogue_ensure()
    site = load("pages/site")
    created: list[Page] = []
    home = HomePage.objects.first()
    if home is None:  # the migration creates it; a hand-deleted tree gets a new one
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda"))
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})

    collections = {
        "public": files.collection(site["collections"]["public"]),
        "internal": files.collection(site["collections"]["internal"], private=True),
    }
    hero = site["hero"]
    banner = files.image_ensure(
        title=hero["title"], filename=hero["file"], collection=collections["public"],
        content=lambda: files.banner_png(heading=hero["heading"], subheading=hero["subheading"]),
    )
    documents = {key: _document(spec, site["pdf"], collections) for key, spec in site["documents"].items()}
    if home.hero_image_id is None:
        home.hero_image = banner
        if not home.intro:
            home.intro = site["home"]["intro"]
        home.save_revision().publish()

    common = {"documents": documents, "today": today}
    pages = _section(home, "guidance", GuidanceIndexPage, GuidancePage, created, fields=("title", "summary"), **common)
    pages |= _section(home, "announcements", AnnouncementIndexPage, AnnouncementPage, created,
                      fields=("title", "summary"), **common)
    pages |= _section(home, "good_practice", GoodPracticeIndexPage, GoodPracticePage, created,
                      fields=("title", "period", "summary"), **common)
    _site_settings(home, site["settings"], pages)
    return {"pages_created": len(created)}


def link_programmes() -> int:
    """Give each good-practice page of the data file its training programme once the training
    exists (the pages are built first). Only a page without one: editors own the pages. Returns
    how many pages were linked."""
    linked = 0
    for spec in load("pages/good_practice")["pages"]:
        page = GoodPracticePage.objects.filter(slug=spec["slug"], programme__isnull=True).first()
        programme = Programme.objects.filter(code=spec.get("programme") or "").first()
        if page is None or programme is None:
            continue
        page.programme = programme
        page.save_revision().publish()
        linked += 1
    return linked


def _document(spec: dict, pdf: dict, collections: dict):
    return files.document_ensure(
        title=spec["title"], filename=spec["file"], collection=collections[spec["collection"]],
        content=lambda: files.pdf(title=spec["heading"], sections=spec["sections"], **pdf),
    )


def _site_settings(home: HomePage, spec: dict, pages: dict[str, Page]) -> None:
    site = Site.objects.filter(root_page=home).first() or Site.objects.filter(is_default_site=True).first()
    if site is None or SiteSettings.objects.filter(site=site).exists():
        return  # editors own the settings once they exist

    def links(items):
        return json.dumps([
            {"type": "link", "value": {"label": item["label"], "page": pages[item["page"]].pk if "page" in item else None,
                                       "url": item.get("url", "")}}
            for item in items
        ])

    public = files.collection(load("pages/site")["collections"]["public"])
    signatory = spec["certificates"]
    head = (
        Employee.objects.filter(unit__code=signatory["signatory_unit"], is_active=True, position_kind=PositionKind.JPT_PRATAMA)
        .order_by("nip").first()
    )
    SiteSettings.objects.create(
        site=site, contact_email=spec["contact_email"], address=spec["address"], office_hours=spec["office_hours"],
        main_menu=links(spec["main_menu"]), footer_links=links(spec["footer_links"]),
        logo=files.image_ensure(title=spec["logo"]["title"], filename=spec["logo"]["file"], collection=public,
                                content=files.logo_png),
        certificate_signatory_name=head.full_name if head else "", certificate_signatory_nip=head.nip if head else "",
        certificate_signatory_position=signatory["position"],
        certificate_signature=files.image_ensure(
            title=signatory["signature"]["title"], filename=signatory["signature"]["file"], collection=public,
            content=files.signature_png,
        ),
    )


def seed_workshop_pages() -> int:
    """The workshop index and a page for every published session that has none yet; returns
    how many session pages were created."""
    home = HomePage.objects.first()
    if home is None:
        return 0
    data = load("pages/workshops")
    index = WorkshopIndexPage.objects.first()
    if index is None:
        index = WorkshopIndexPage(slug=data["index"]["slug"], title=data["index"]["title"], intro=data["index"]["intro"])
        home.add_child(instance=index)
    have = set(WorkshopPage.objects.values_list("session_id", flat=True))
    created = 0
    for session in session_selectors.published_sessions():
        if session.pk in have:
            continue
        index.add_child(instance=_workshop_page(session, data["page"]))
        created += 1
    return created


def _workshop_page(session, spec: dict) -> WorkshopPage:
    programme = session.programme
    trainers = [t.get_full_name() or spec["unnamed_trainer"] for t in session.trainers.all()] or [spec["no_trainer"]]
    return WorkshopPage(
        title=spec["title"].format(programme=programme.title, session=session.name),
        slug=slugify(f"{programme.code}-{session.pk}"), session=session, intro=programme.description,
        body=[
            ("paragraph", spec["paragraph"].format(description=programme.description, jp=programme.jp)),
            ("agenda", spec["agenda"]),
            ("speakers", [{"name": name, "role": programme.provider, "bio": ""} for name in trainers]),
        ],
    )
