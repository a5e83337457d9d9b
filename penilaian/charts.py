"""Server-rendered SVG charts: no JavaScript, no external library, readable on any phone."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe


def history_chart(points: list[tuple[str, float | None, str]], *, width=640, height=220, max_value=5.0) -> str:
    """A bar chart of the mean supervisor score per period, oldest left, each bar labelled with
    the period and the predikat. ``points`` = [(period label, mean score or None, predikat label)]."""
    if not points:
        return ""
    pad_left, pad_bottom, pad_top = 36, 48, 16
    plot_w, plot_h = width - pad_left - 8, height - pad_bottom - pad_top
    step = plot_w / len(points)
    bar_w = min(60, step * 0.6)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" class="chart" xmlns="http://www.w3.org/2000/svg">'
    ]
    for level in range(1, int(max_value) + 1):
        y = pad_top + plot_h - plot_h * level / max_value
        parts.append(f'<line x1="{pad_left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{pad_left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{level}</text>')
    for i, (label, value, predikat) in enumerate(points):
        x = pad_left + step * i + (step - bar_w) / 2
        if value is not None:
            h = plot_h * value / max_value
            y = pad_top + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="bar">'
                f"<title>{escape(label)}: {value:.2f}</title></rect>"
            )
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" class="value">{value:.2f}</text>')
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - pad_bottom + 16}" text-anchor="middle" class="axis">{escape(label)}</text>'
        )
        if predikat:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - pad_bottom + 32}" text-anchor="middle" class="axis small">{escape(predikat)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped
