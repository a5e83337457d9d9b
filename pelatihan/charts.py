"""Report charts: server-rendered SVG (the style of ``penilaian/charts.py``), so pages and their
printouts need no script."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def grouped_bars(groups: list[tuple[str, list[tuple[str, float | None]]]], *, max_value: float, series_labels: list[str],
                 width=640, height=240, fmt="{:.2f}", percent=False) -> str:
    """Grouped bar chart: groups = [(label, [(series key, value or None), …])]. Each series is a
    CSS class (``s0``, ``s1`` …) so the stylesheet colours them; a legend names them."""
    if not groups or max_value <= 0:
        return ""
    pad_left, pad_top = 40, 28
    # Narrow groups get their labels slanted (and more room below) so neighbours do not overlap.
    slanted = (width - pad_left - 8) / len(groups) < 90
    pad_bottom = 96 if slanted else 40
    pad_left = 90 if slanted else pad_left  # the first slanted label reaches left of its bar
    height += pad_bottom - 40
    plot_w, plot_h = width - pad_left - 8, height - pad_bottom - pad_top
    step = plot_w / len(groups)
    n_series = max(len(values) for _l, values in groups) or 1
    bar_w = min(36, step * 0.8 / n_series)
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" class="chart" xmlns="http://www.w3.org/2000/svg">']
    for k, label in enumerate(series_labels):
        parts.append(f'<rect x="{pad_left + k * 170}" y="4" width="12" height="12" class="bar s{k}"/>'
                     f'<text x="{pad_left + k * 170 + 16}" y="14" class="axis">{escape(label)}</text>')
    for t in range(0, 5):
        v = max_value * t / 4
        y = pad_top + plot_h - plot_h * t / 4
        parts.append(f'<line x1="{pad_left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        tick = f"{v * 100:.0f}%" if percent else f"{v:g}"
        parts.append(f'<text x="{pad_left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{tick}</text>')
    for i, (label, values) in enumerate(groups):
        x0 = pad_left + step * i + (step - bar_w * len(values)) / 2
        for k, (_key, value) in enumerate(values):
            if value is None:
                continue
            h = plot_h * min(value, max_value) / max_value
            x, y = x0 + k * bar_w, pad_top + plot_h - h
            shown = f"{value * 100:.0f}%" if percent else fmt.format(value)
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" class="bar s{k}">'
                         f"<title>{escape(label)}: {shown}</title></rect>")
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" class="value small">{shown}</text>')
        lx, ly = pad_left + step * i + step / 2, height - pad_bottom + 16
        if slanted:
            parts.append(f'<text x="{lx:.1f}" y="{ly}" text-anchor="end" transform="rotate(-35 {lx:.1f} {ly})" '
                         f'class="axis">{escape(label)}</text>')
        else:
            parts.append(f'<text x="{lx:.1f}" y="{ly}" text-anchor="middle" class="axis">{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped


def story_chart(story: list[dict]) -> str:
    """Mean supervisor score before and after, participants vs comparison, per indicator."""
    groups = []
    for s in story:
        p, c = s["participants"], s["comparison"]
        groups.append((f'{s["label"][:28]} {s["baseline"]}', [("p", p.before), ("c", c.before)]))
        groups.append((f'{s["label"][:28]} {s["after"]}', [("p", p.after), ("c", c.after)]))
    return grouped_bars(groups, max_value=5, series_labels=[_("Participants"), _("Comparison group")])


def indicator_chart(periods, row: dict) -> str:
    """Share of assessed employees with a gap on one indicator, per period."""
    groups = [(p.code, [("g", cell["share"] if cell else None)]) for p, cell in zip(periods, row["series"], strict=True)]
    return grouped_bars(groups, max_value=1.0, series_labels=[_("Share with a gap")], percent=True)


def unit_chart(rows: list[dict]) -> str:
    top = sorted(rows, key=lambda r: -r["employees"])[:8]
    groups = [(r["unit"].label[:14], [("c", r["coverage"]), ("j", r["jp_share"])]) for r in top]
    return grouped_bars(groups, max_value=1.0, series_labels=[_("Gap coverage"), _("JP target met")], percent=True)


def programme_chart(rows: list[dict]) -> str:
    groups = [(r["programme"].title[:16], [("c", r["completion_rate"]), ("g", r["l2_gain"])]) for r in rows[:10]]
    return grouped_bars(groups, max_value=1.0, series_labels=[_("Completion rate"), _("Level 2 gain")], percent=True)
