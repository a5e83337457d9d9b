"""Workshop pages (issue 4): content about one training session. The session's data (dates,
seats, registration) lives in ``pelatihan`` and is read through its selectors; the register
button posts to ``pelatihan:session-register``, never to ``Page.serve``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

RICH = ["bold", "italic", "link", "ol", "ul", "h3"]


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("time"), max_length=40, help_text=_("For example: 08.00–09.30"))
    title = blocks.CharBlock(label=_("activity"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")


class MaterialBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Material")


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=150)
    role = blocks.CharBlock(label=_("role"), max_length=200, required=False)
    bio = blocks.TextBlock(label=_("short biography"), required=False)

    class Meta:
        icon = "user"
        label = _("Speaker")


class WorkshopBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH, label=_("Paragraph"))
    agenda = blocks.ListBlock(AgendaItemBlock(), label=_("Agenda"), icon="list-ul")
    materials = blocks.ListBlock(MaterialBlock(), label=_("Materials"), icon="doc-full")
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Speakers"), icon="group")


class WorkshopIndexPage(Page):
    """Lists the published sessions that have a workshop page, with filters."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["home.WorkshopPage"]
    max_count = 1

    class Meta:
        verbose_name = _("workshop index page")

    def get_context(self, request, *args, **kwargs):
        from pelatihan.models import Route
        from pelatihan.selectors import sessions as selectors
        from penilaian.models import Indicator

        context = super().get_context(request, *args, **kwargs)
        filters = {
            "indicator": request.GET.get("indikator", "").strip(),
            "month": request.GET.get("bulan", "").strip(),
            "route": request.GET.get("jalur", "").strip(),
            "with_seats": request.GET.get("tersedia") == "1",
        }
        pages = {p.session_id: p for p in WorkshopPage.objects.child_of(self).live().only("id", "title", "url_path", "path", "depth", "session_id")}
        sessions = list(selectors.published_sessions(session_ids=pages.keys(), **filters))
        for session in sessions:
            session.page = pages[session.pk]
        context.update(
            sessions=sessions, filters=filters, routes=Route.choices,
            indicators=Indicator.objects.filter(programmes__isnull=False).distinct().order_by("name"),
        )
        return context


class WorkshopPage(Page):
    """One session's page: rich content plus the live seats and the register button."""

    session = models.ForeignKey(
        "pelatihan.Session", verbose_name=_("training session"), on_delete=models.PROTECT,
        related_name="workshop_pages",
    )
    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(WorkshopBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("session"), FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.WorkshopIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("workshop page")

    def get_context(self, request, *args, **kwargs):
        from pelatihan import permissions
        from pelatihan.selectors import enrolment as enrolment_selectors
        from pelatihan.selectors import matching
        from pelatihan.selectors import sessions as selectors

        context = super().get_context(request, *args, **kwargs)
        session = selectors.session_for_page(self.session_id)
        employee = permissions.employee_of(request.user)
        enrolment = enrolment_selectors.enrolment_of(session, employee)
        context.update(
            session=session, enrolment=enrolment,
            position=enrolment_selectors.waiting_position(enrolment) if enrolment else None,
            my_gaps=matching.gaps_addressed(employee, session),
        )
        return context
