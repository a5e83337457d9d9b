"""Wagtail pages only: content, not data (pages are content, apps are data).

The page tree: HomePage → GuidanceIndexPage → GuidancePage (the guidance library, also the
socialisation material and the FAQ), HomePage → AnnouncementIndexPage → AnnouncementPage,
HomePage → GoodPracticeIndexPage → GoodPracticePage (praktik baik), HomePage →
WorkshopIndexPage → WorkshopPage (``workshop_pages.py``: one training session each).

Guidance and good practice are tagged by appraisal indicator (``penilaian.Indicator``) so that a
gap or a workshop page can ask ``home.selectors.guidance_for_indicators`` for the reading on the
same indicator.

Each page reads what it shows in ``get_context`` through its manager's queryset
(``querysets.py``: visibility and indicators) and, for training data, through ``pelatihan``'s
selectors; this module never imports ``selectors.py``, which imports it.
"""

from __future__ import annotations

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pelatihan import impact
from pelatihan import rules as training_rules
from pelatihan.selectors import history as history_selectors
from pelatihan.selectors import reports as report_selectors
from penilaian.models import Indicator
from penilaian.permissions import employee_of
from portal.core.roles import is_hr

from .blocks import ContentStreamBlock, PracticeStreamBlock
from .querysets import AnnouncementManager, ContentPageManager, with_parent_values
from .site_settings import SiteSettings  # noqa: F401 - a model of this app too
from .workshop_pages import WorkshopIndexPage, WorkshopPage, upcoming_workshops  # noqa: F401 - models of this app too

HOME_ANNOUNCEMENTS = 3
HOME_WORKSHOPS = 4
ANNOUNCEMENTS_PER_PAGE = 10


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
    # Children are not restricted: the workshop index lives under the home page too.

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["announcements"] = list(
            AnnouncementPage.objects.current().visible_to(request.user).order_by("-date", "-pk")[:HOME_ANNOUNCEMENTS]
        )
        # Callables: the template calls them only when its cached fragment has expired.
        context["announcement_index"] = AnnouncementIndexPage.objects.live().first
        context["guidance_index"] = GuidanceIndexPage.objects.live().first
        context["upcoming_sessions"] = functools.partial(upcoming_workshops, limit=HOME_WORKSHOPS)
        context["jp"] = self.jp_this_year(request.user)
        return context

    @staticmethod
    def jp_this_year(user) -> dict | None:
        """JP earned this year against the employee's target, for the next steps."""
        employee = employee_of(user)
        if employee is None:
            return None
        year = timezone.localdate().year
        return {
            "jp": history_selectors.jp_in_year(employee, year),
            "target": training_rules.jp_target(employee.employee_type),
        }


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
        context = super().get_context(request, *args, **kwargs)
        context.update(self.library(user=request.user, params=request.GET))
        return context

    def library(self, *, user, params) -> dict:
        """Its pages, optionally filtered by topic (``topik``, a tag slug) or by indicator
        (``indikator``, an indicator code), with the filters on offer."""
        pages = GuidancePage.objects.child_of(self).visible_to(user).order_by("title")
        topic = (params.get("topik") or "").strip()
        indicator_code = (params.get("indikator") or "").strip()
        indicator = None
        if topic:
            pages = pages.filter(tags__slug=topic)
        if indicator_code:
            indicator = Indicator.objects.filter(code=indicator_code).first()
            pages = pages.filter(indicators__in=with_parent_values([indicator.pk])) if indicator else pages.none()
        pages = list(pages.distinct().prefetch_related("tags"))
        visible_here = GuidancePage.objects.child_of(self).visible_to(user)
        topics = (
            GuidancePageTag.objects.filter(content_object__in=visible_here)
            .values_list("tag__slug", "tag__name")
            .distinct()
            .order_by("tag__name")
        )
        # Tell a visitor who is not signed in that there is more behind the login.
        internal_hidden = not user.is_authenticated and (
            GuidancePage.objects.child_of(self).live().count() > visible_here.count()
        )
        return {
            "guidance_pages": pages,
            "topics": list(topics),
            "active_topic": topic,
            "active_indicator": indicator,
            "internal_hidden": internal_hidden,
        }


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

    objects = ContentPageManager()

    class Meta:
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        indicator_ids = [i.pk for i in self.indicators.all()]
        context["related_practices"] = list(
            GoodPracticePage.objects.about(indicator_ids, user=request.user).order_by("-first_published_at")[:5]
        )
        related = GuidancePage.objects.about(indicator_ids, user=request.user).order_by("title")[:6]
        context["related_guidance"] = [p for p in related if p.pk != self.pk][:5]
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
        context = super().get_context(request, *args, **kwargs)
        announcements = AnnouncementPage.objects.child_of(self).visible_to(request.user).order_by("-date", "-pk")
        context["items"] = Paginator(announcements, ANNOUNCEMENTS_PER_PAGE).get_page(request.GET.get("halaman"))
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

    objects = AnnouncementManager()

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
        context = super().get_context(request, *args, **kwargs)
        context["items"] = (
            GoodPracticePage.objects.child_of(self).visible_to(request.user).prefetch_related("units")
            .order_by("-first_published_at")
        )
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
    # The training programme the story is about: the page shows its figures from the reports,
    # live (a "figures from the reports" block, or after the story), and its report links back.
    programme = models.ForeignKey(
        "pelatihan.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("training programme"),
        help_text=_("The page shows this programme's figures from the training reports, always up to date."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("period"),
        FieldPanel("units"),
        FieldPanel("indicators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("programme"),
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

    objects = ContentPageManager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        indicator_ids = [i.pk for i in self.indicators.all()]
        context["related_guidance"] = list(
            GuidancePage.objects.about(indicator_ids, user=request.user).order_by("title")[:5]
        )
        context.update(self.programme_results(request.user))
        return context

    def programme_results(self, user) -> dict:
        """The programme's report row (the same selector as its report page), the level 4 rows
        that have a later period, and — for BKPSDM, who may open it — the report's address."""
        row = report_selectors.programme_summary(self.programme_id) if self.programme_id else None
        if row is None:
            return {}
        return {
            "programme_results": {
                "row": row, "l4": [r for r in row["l4"] if r.after is not None],
                "min_group_size": impact.MIN_GROUP_SIZE,
                "report_url": reverse("pelatihan:report-programme", args=[self.programme_id]) if is_hr(user) else "",
            },
            "results_in_body": any(block.block_type == "live_results" for block in self.body),
        }
