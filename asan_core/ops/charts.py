"""Static SVG bar charts, drawn on the server: no JavaScript to read a report.

Every text in a chart (axis labels, the title) is escaped, and numbers come formatted by
the caller (the locale's own digits). Right-to-left locales get the axis mirrored, so the
first bar stands where a reader of the script starts. Each chart is ``role="img"`` with a
label; the page shows the same figures in a table beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
HEIGHT = 240
LEFT = 56
RIGHT = 16
TOP = 16
BOTTOM = 40


@dataclass(frozen=True)
class Bar:
    label: str
    """The bucket's label, already formatted for the locale (``۹``, ``10``)."""
    value: float | None


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above ``value`` (an axis maximum)."""
    if value <= 0:
        return 1.0
    power = 1.0
    while power * 10 <= value:
        power *= 10
    while power > value:
        power /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def bar_chart(
    bars: Sequence[Bar],
    title: str,
    number: Callable[[float], str],
    direction: str = "ltr",
    target: float | None = None,
    target_label: str = "",
) -> Markup:
    """An SVG bar chart of ``bars``; ``number`` formats axis values; a dashed line marks
    ``target`` when given."""
    values = [b.value for b in bars if b.value is not None]
    top = nice_ceiling(max([*values, target or 0.0, 0.0]))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    rtl = direction == "rtl"
    slot = plot_w / max(1, len(bars))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="chart" direction="ltr">',
        f"<title>{escape(title)}</title>",
    ]
    axis_x = WIDTH - LEFT if rtl else LEFT
    grid_from, grid_to = (RIGHT, WIDTH - LEFT) if rtl else (LEFT, WIDTH - RIGHT)
    anchor = "start" if rtl else "end"
    for step in range(5):
        value = top * step / 4
        y = TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{grid_from}" x2="{grid_to}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        label_x = axis_x - 6 if not rtl else axis_x + 6
        parts.append(
            f'<text x="{label_x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" class="axis">'
            f"{escape(number(value))}</text>"
        )
    for index, bar in enumerate(bars):
        position = len(bars) - 1 - index if rtl else index
        x0 = (RIGHT if rtl else LEFT) + slot * position
        centre = x0 + slot / 2
        if bar.value is not None and bar.value > 0:
            height = plot_h * bar.value / top
            parts.append(
                f'<rect x="{x0 + slot * 0.15:.1f}" y="{TOP + plot_h - height:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{height:.1f}" class="bar"/>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'class="axis">{escape(bar.label)}</text>'
        )
    if target is not None and target <= top:
        y = TOP + plot_h - plot_h * target / top
        x1, x2 = (RIGHT, WIDTH - LEFT) if rtl else (LEFT, WIDTH - RIGHT)
        parts.append(f'<line x1="{x1}" x2="{x2}" y1="{y:.1f}" y2="{y:.1f}" class="target"/>')
        if target_label:
            parts.append(
                f'<text x="{x2 if not rtl else x1:.1f}" y="{y - 4:.1f}" '
                f'text-anchor="{"end" if not rtl else "start"}" class="axis target-label">'
                f"{escape(target_label)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
