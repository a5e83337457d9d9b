"""QR codes (``segno``): the rotating check-in code on the trainer's screen and the verification
link on a certificate."""

from __future__ import annotations

import io


def svg_inline(url: str) -> str:
    """The code as inline SVG, for the trainer's screen."""
    import segno  # deferred: a heavy library only the check-in screen and certificate PDFs need

    return segno.make(url, error="m").svg_inline(scale=8, dark="#0b3d35")


def png(url: str) -> io.BytesIO:
    """The code as a PNG in a buffer, for drawing into a PDF."""
    import segno  # deferred: a heavy library only the check-in screen and certificate PDFs need

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer
