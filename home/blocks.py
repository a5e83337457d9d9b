"""StreamField blocks for guidance, announcements, good-practice and workshop pages.

No block fetches anything from another site at run time: a video is either a self-hosted file
(a Wagtail document, played by the browser's own player) or a plain link.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr"]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Important"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "home/blocks/callout.html"


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("step"))),
                ("text", blocks.RichTextBlock(label=_("explanation"), features=["bold", "italic", "link", "ul"], required=False)),
            ],
            label=_("step"),
        ),
        label=_("steps"),
    )

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "home/blocks/steps.html"


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("question"))),
                ("answer", blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ol", "ul"])),
            ],
            label=_("question and answer"),
        ),
        label=_("questions"),
    )

    class Meta:
        icon = "help"
        label = _("FAQ (accordion)")
        template = "home/blocks/faq.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False, help_text=_("Defaults to the document title."))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "home/blocks/document.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    file = DocumentChooserBlock(label=_("video file (MP4)"), required=False)
    url = blocks.URLBlock(label=_("or a link to the video"), required=False)
    caption = blocks.TextBlock(label=_("caption"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("file") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"file": ErrorList([ValidationError(_("Choose a video file or give a link."))])}
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "home/blocks/video.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(label=_("alternative text"), required=False, help_text=_("Describe the image for screen readers."))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "home/blocks/image.html"


class FigureBlock(blocks.StructBlock):
    """One measured result of a good practice: before and after, with the unit of measure."""

    label = blocks.CharBlock(label=_("measure"))
    before = blocks.CharBlock(label=_("before"))
    after = blocks.CharBlock(label=_("after"))
    note = blocks.CharBlock(label=_("source or note"), required=False)

    class Meta:
        icon = "table"
        label = _("Result (before → after)")
        template = "home/blocks/figure.html"


class LiveResultsBlock(blocks.StructBlock):
    """Where the story shows the figures of its training programme (the page's "training
    programme"), read live from the training reports: nothing is typed in."""

    title = blocks.CharBlock(label=_("title"), required=False)

    class Meta:
        icon = "table"
        label = _("Figures from the training reports (live)")
        template = "home/blocks/live_results.html"
        help_text = _("Shows the figures of the page's training programme; choose the programme above.")


class ContentStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    callout = CalloutBlock()
    steps = StepsBlock()
    faq = FaqBlock()
    document = DocumentBlock()
    video = VideoBlock()
    image = CaptionedImageBlock()

    class Meta:
        label = _("Content")


class PracticeStreamBlock(ContentStreamBlock):
    figure = FigureBlock()
    live_results = LiveResultsBlock()


class LinkBlock(blocks.StructBlock):
    """A menu or footer link: a page of the portal, or an address."""

    label = blocks.CharBlock(label=_("label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(label=_("or address"), required=False, help_text=_("For example /cari/ or https://…"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(_("Choose a page or give an address."))])}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


# --- Workshop pages ----------------------------------------------------------------------------

WORKSHOP_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


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
    paragraph = blocks.RichTextBlock(features=WORKSHOP_RICH_TEXT_FEATURES, label=_("Paragraph"))
    agenda = blocks.ListBlock(AgendaItemBlock(), label=_("Agenda"), icon="list-ul")
    materials = blocks.ListBlock(MaterialBlock(), label=_("Materials"), icon="doc-full")
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Speakers"), icon="group")
