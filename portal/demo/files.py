"""The files the demo pages show: real PDFs written with reportlab and a banner drawn with Pillow.

Nothing is downloaded. A document or image is found by its title, so a second run (or an editor's
replacement file) is left alone; files are generated only when they are missing. What they say
is ``data/pages/site.yaml``.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction


def collection(name: str, *, private: bool = False) -> Collection:
    """The top-level collection ``name``; a private one needs a login to view its files."""
    existing = Collection.objects.filter(name=name, depth=2).first()
    found = existing or Collection.get_first_root_node().add_child(name=name)
    if private and not CollectionViewRestriction.objects.filter(collection=found).exists():
        CollectionViewRestriction.objects.create(collection=found, restriction_type=CollectionViewRestriction.LOGIN)
    return found


def pdf(*, title: str, byline: str, author: str, sections: list[dict]) -> bytes:
    """A small, real PDF: a title, a byline and headed sections of numbered points."""
    from reportlab.lib.pagesizes import A4  # deferred: reportlab is heavy and only a missing PDF needs it
    from reportlab.lib.styles import getSampleStyleSheet  # deferred: as above
    from reportlab.lib.units import cm  # deferred: as above
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer  # deferred: as above

    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=author,
        leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
    )
    story = [Paragraph(escape(title), styles["Title"]), Paragraph(escape(byline), styles["Italic"]), Spacer(1, 0.5 * cm)]
    for section in sections:
        story.append(Paragraph(escape(section["heading"]), styles["Heading2"]))
        story.append(ListFlowable(
            [ListItem(Paragraph(escape(line), styles["BodyText"])) for line in section["points"]], bulletType="1"
        ))
        story.append(Spacer(1, 0.3 * cm))
    doc.build(story)
    return buffer.getvalue()


def banner_png(*, heading: str, subheading: str) -> bytes:
    from PIL import Image, ImageDraw  # deferred: Pillow is heavy and only a missing banner needs it

    width, height = 1200, 400
    image = Image.new("RGB", (width, height), (15, 107, 92))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 8):  # a soft diagonal texture
        draw.line([(i, height), (i + 200, 0)], fill=(18, 118, 101), width=3)
    draw.rectangle([0, height - 24, width, height], fill=(245, 197, 66))
    draw.ellipse([880, 60, 1160, 340], outline=(245, 197, 66), width=10)
    draw.text((60, 150), heading, fill=(255, 255, 255), font_size=56)
    draw.text((60, 230), subheading, fill=(255, 255, 255), font_size=36)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def logo_png() -> bytes:
    """The portal's emblem (static/img/logo.svg) as a PNG, for the site settings' logo: the header
    and the certificates print it."""
    from PIL import Image, ImageDraw  # deferred: Pillow is heavy and only a missing logo needs it

    scale = 8
    image = Image.new("RGBA", (64 * scale, 64 * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, 64 * scale - 1, 64 * scale - 1], radius=12 * scale, fill=(15, 107, 92))
    points = [(14 * scale, 44 * scale), (26 * scale, 30 * scale), (34 * scale, 38 * scale), (50 * scale, 20 * scale)]
    draw.line(points, fill=(245, 197, 66), width=6 * scale, joint="curve")
    for x, y in (points[0], points[-1]):
        draw.ellipse([x - 3 * scale, y - 3 * scale, x + 3 * scale, y + 3 * scale], fill=(245, 197, 66))
    draw.ellipse([46 * scale, 16 * scale, 54 * scale, 24 * scale], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def signature_png() -> bytes:
    """A made-up signature (a few strokes in blue ink on a transparent background) for the demo's
    certificates; BKPSDM replaces it with a scan of the real one."""
    import math  # deferred: with Pillow below, only a missing signature needs it

    from PIL import Image, ImageDraw  # deferred: as above

    image = Image.new("RGBA", (600, 220), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = (20, 40, 120, 255)
    wave = [(40 + x, 120 - 55 * math.sin(x / 38) * math.exp(-x / 420)) for x in range(0, 420, 4)]
    draw.line(wave, fill=ink, width=6, joint="curve")
    draw.line([(300, 70), (340, 160), (380, 80), (430, 150), (520, 110)], fill=ink, width=5, joint="curve")
    draw.line([(60, 175), (560, 160)], fill=ink, width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def document_ensure(*, title: str, filename: str, collection: Collection, content):
    """The document titled ``title``; when missing, created from ``content()`` (bytes)."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        data = content()
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(data), save=False)
        document.file_size = len(data)
        document.full_clean()
        document.save()
    return document


def image_ensure(*, title: str, filename: str, collection: Collection, content):
    """The image titled ``title``; when missing, created from ``content()`` (bytes)."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, collection=collection, file=ImageFile(io.BytesIO(content()), name=filename))
        image.save()
    return image
