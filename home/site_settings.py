"""The site's settings (Wagtail admin → Settings): contact details, the logo, the main menu and
the footer links, and who signs the certificates the portal issues."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from penilaian import nip as nip_rules

from .blocks import LinkBlock


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
    # Who signs the certificates (STTPP) the portal issues; the logo above is printed on them too.
    certificate_signatory_name = models.CharField(
        _("signatory's name"), max_length=200, blank=True,
        help_text=_("With titles, as printed under the signature on certificates."),
    )
    certificate_signatory_nip = models.CharField(_("signatory's NIP"), max_length=30, blank=True)
    certificate_signatory_position = models.CharField(
        _("signatory's position"), max_length=200, default="Kepala BKPSDM Kota Subulussalam",
    )
    certificate_signature = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("signature image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a scan of the signature on a white or transparent background. Without it the "
                    "certificate leaves room to sign by hand."),
    )

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
        MultiFieldPanel(
            [FieldPanel("certificate_signatory_name"), FieldPanel("certificate_signatory_nip"),
             FieldPanel("certificate_signatory_position"), FieldPanel("certificate_signature")],
            heading=_("Certificates"),
        ),
    ]

    def clean(self):
        super().clean()
        if self.certificate_signatory_nip:
            try:
                self.certificate_signatory_nip = nip_rules.normalise(self.certificate_signatory_nip)
                nip_rules.parse(self.certificate_signatory_nip)
            except ValidationError as exc:
                raise ValidationError({"certificate_signatory_nip": exc.messages}) from exc

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
