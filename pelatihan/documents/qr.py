"""QR codes (``segno``): the rotating check-in code on the trainer's screen and the verification
link on a certificate."""

from __future__ import annotations

import io

# Black on white with the standard quiet zone of four modules: the contrast and margin a phone
# camera needs, on a phone screen, a laptop or a projector.
QUIET_ZONE = 4


def svg_inline(url: str, *, title: str = "") -> str:
    """The code as inline SVG that scales to its box: a viewBox and no fixed size, the quiet zone
    drawn in white as part of the picture (so a dark page behind it cannot eat the margin)."""
    import segno  # deferred: a heavy library only the check-in screen and certificate PDFs need

    return segno.make(url, error="m").svg_inline(
        border=QUIET_ZONE, dark="#000", light="#fff", omitsize=True, svgclass="qr-svg", title=title or None,
    )


def png(url: str) -> io.BytesIO:
    """The code as a PNG in a buffer, for drawing into a PDF."""
    import segno  # deferred: a heavy library only the check-in screen and certificate PDFs need

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=QUIET_ZONE)
    buffer.seek(0)
    return buffer
