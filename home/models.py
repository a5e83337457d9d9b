"""Wagtail pages only: content, not data (CONVENTIONS: pages are content, apps are data).

The page tree: HomePage → GuidanceIndexPage → GuidancePage (the guidance library, also the
socialisation material and the FAQ), HomePage → AnnouncementIndexPage → AnnouncementPage,
HomePage → GoodPracticeIndexPage → GoodPracticePage (praktik baik). Workshop pages live in
``home/workshop_pages.py`` (training issue) and are imported at the bottom of this module.

Guidance and good practice are tagged by appraisal indicator (``penilaian.Indicator``) so that a
gap or a workshop page can ask ``home.selectors.guidance_for_indicators`` for the reading on the
same indicator.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentStreamBlock, LinkBlock, PracticeStreamBlock

HOME_ANNOUNCEMENTS = 3
HOME_WORKSHOPS = 4


class HomePage(Page):
    """The portal's front page: a hero, current announcements, upcoming workshops and, for a
    signed-in user, the next steps of each of their roles."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("intro"), FieldPanel("hero_image")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # Children are not restricted: the training issue adds its workshop index under the home page.

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["announcements"] = selectors.current_announcements(user=request.user, limit=HOME_ANNOUNCEMENTS)
        context["announcement_index"] = AnnouncementIndexPage.objects.live().first()
        context["guidance_index"] = GuidanceIndexPage.objects.live().first()
        context["upcoming_sessions"] = selectors.upcoming_workshops(limit=HOME_WORKSHOPS)
        context["jp"] = selectors.jp_this_year(request.user)
        return context


# --- Guidance library ------------------------------------------------------------------------


class GuidanceIndexPage(Page):
    """The guidance library: lists its guidance pages, filterable by topic and by indicator."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.GuidancePage"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("guidance library")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.guidance_library(self, user=request.user, params=request.GET))
        return context


class GuidancePageTag(TaggedItemBase):
    content_object = ParentalKey("home.GuidancePage", on_delete=models.CASCADE, related_name="tagged_items")


class GuidancePage(Page):
    """One piece of guidance or socialisation material, built from content blocks."""

    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two sentences shown in lists and search."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=GuidancePageTag, blank=True, verbose_name=_("topics"))
    indicators = ParentalManyToManyField(
        "penilaian.Indicator", blank=True, related_name="guidance_pages", verbose_name=_("appraisal indicators"),
        help_text=_("The indicators this guidance helps with; gaps and workshops on them link here."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("indicators", widget=forms.CheckboxSelectMultiple)],
            heading=_("Tags"),
        ),
    ]
    parent_page_types = ["home.GuidanceIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("indicators", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        indicator_ids = [i.pk for i in self.indicators.all()]
        context["related_practices"] = selectors.good_practices_for_indicators(indicator_ids, user=request.user)
        context["related_guidance"] = [
            p for p in selectors.guidance_for_indicators(indicator_ids, user=request.user, limit=6) if p.pk != self.pk
        ][:5]
        return context


# --- Announcements ---------------------------------------------------------------------------


class AnnouncementIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.AnnouncementPage"]

    class Meta:
        verbose_name = _("announcement list")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["items"] = selectors.paginate(
            selectors.announcements(user=request.user, parent=self), request.GET.get("halaman"), per_page=10
        )
        return context


class AnnouncementPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    expires = models.DateField(
        _("show on the home page until"), null=True, blank=True,
        help_text=_("After this date the announcement leaves the home page (it stays in the list)."),
    )
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("expires")], heading=_("Dates")),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.AnnouncementIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("summary", boost=2), index.SearchField("body"), index.FilterField("date")]

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def clean(self):
        super().clean()
        if self.expires and self.date and self.expires < self.date:
            raise ValidationError({"expires": _("The end date cannot be before the announcement date.")})


# --- Good practice (praktik baik) ------------------------------------------------------------


class GoodPracticeIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.GoodPracticePage"]

    class Meta:
        verbose_name = _("good practice list")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["items"] = selectors.good_practices(user=request.user, parent=self)
        return context


class GoodPracticePage(Page):
    """A unit tells what it changed and what it achieved, with numbers (praktik baik)."""

    summary = models.TextField(_("summary"), max_length=400)
    period = models.CharField(_("period"), max_length=60, blank=True, help_text=_("For example 2022–2025."))
    units = ParentalManyToManyField("penilaian.Unit", related_name="good_practices", verbose_name=_("units"))
    indicators = ParentalManyToManyField(
        "penilaian.Indicator", blank=True, related_name="good_practices", verbose_name=_("appraisal indicators")
    )
    body = StreamField(PracticeStreamBlock(), verbose_name=_("story"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("period"),
        FieldPanel("units"),
        FieldPanel("indicators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.GoodPracticeIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("units", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["related_guidance"] = selectors.guidance_for_indicators(
            [i.pk for i in self.indicators.all()], user=request.user, limit=5
        )
        return context


# --- Site settings and the main menu ---------------------------------------------------------


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, logo, the main menu and the footer links, edited in Wagtail admin →
    Settings. The links are StreamFields in this one row so that the header and footer of
    every page cost one query for the settings and one for the pages they link to."""

    organisation = models.CharField(
        _("organisation"), max_length=200,
        default="BKPSDM Kota Subulussalam — Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_whatsapp = models.CharField(_("WhatsApp"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    main_menu = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("main menu"),
        help_text=_("Shown in the menu of every page, before each user's own links."),
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))

    panels = [
        FieldPanel("organisation"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("contact_whatsapp"),
             FieldPanel("address"), FieldPanel("office_hours")],
            heading=_("Contact"),
        ),
        FieldPanel("logo"),
        FieldPanel("main_menu"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        # Unlike Wagtail's default, a page view never writes: an unsaved default is enough
        # until an editor saves the settings.
        return cls.objects.select_related("logo").filter(site=site).first() or cls(site=site)

    @cached_property
    def _links(self) -> dict[str, list[dict[str, str]]]:
        raw = {"menu": list(self.main_menu.raw_data), "footer": list(self.footer_links.raw_data)}
        page_ids = {item["value"].get("page") for items in raw.values() for item in items} - {None}
        pages = Page.objects.live().in_bulk(page_ids) if page_ids else {}
        links: dict[str, list[dict[str, str]]] = {}
        for key, items in raw.items():
            links[key] = []
            for item in items:
                value = item["value"]
                page = pages.get(value.get("page"))
                href = page.url if page is not None else value.get("url")
                if href:  # a link to an unpublished or deleted page disappears
                    links[key].append({"label": value.get("label", ""), "href": href})
        return links

    @property
    def menu_links(self):
        return self._links["menu"]

    @property
    def footer_link_list(self):
        return self._links["footer"]
from .workshop_pages import WorkshopIndexPage, WorkshopPage  # noqa: E402,F401
