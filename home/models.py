"""Wagtail pages only: content, not data (CONVENTIONS: pages are content, apps are data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's front page. Issue 6 adds announcements and upcoming workshops."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
from .workshop_pages import WorkshopIndexPage, WorkshopPage  # noqa: E402,F401
