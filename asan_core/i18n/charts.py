"""Static SVG charts of published pages (the kit's capacity plan, the ``asan ops`` report):
readable with no JavaScript, in any script. In the languages wing so that every service
that writes pages draws its charts the same way.

Numbers on the axes are formatted by the caller (the locale's own digits); every text is
escaped here, once: text already escaped (``Markup``, as gettext gives it in templates)
is left as it is. In a right-to-left locale the horizontal axis runs from right to left, as
the page reads. Each chart carries a ``<title>`` and a ``<desc>`` for screen readers, and
the page puts the same figures in a table beside it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import escape

WIDTH = 640
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above ``value`` (an axis maximum)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def _nice_step(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value``, and at least 1: the step
    between grid lines of a chart of counts, so every tick is a whole number."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


TICKS = 4
"""Grid lines above the axis."""


def _frame(title: str, desc: str, body: list[str], chart_id: str) -> str:
    # No `direction` on the chart: the layout is mirrored by coordinates, and each label
    # (numbers and times) reads left to right from its anchor.
    labelled = f"{chart_id}-title {chart_id}-desc" if desc else f"{chart_id}-title"
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{labelled}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        + (f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' if desc else "")
        + "".join(body)
        + "</svg>"
    )


def _axes(top_value: float, number: Callable[[float], str], rtl: bool) -> list[str]:
    """Horizontal grid lines with their values, on the reading side (the right, in a
    right-to-left locale), the labels running away from the plot."""
    body = []
    ticks = TICKS
    plot_h = HEIGHT - TOP - BOTTOM
    x_label = WIDTH - LEFT + 8 if rtl else LEFT - 8
    anchor = "start" if rtl else "end"
    x0, x1 = (RIGHT, WIDTH - LEFT) if rtl else (LEFT, WIDTH - RIGHT)
    for i in range(ticks + 1):
        value = top_value * i / ticks
        y = TOP + plot_h - plot_h * i / ticks
        body.append(
            f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{x_label}" y="{y + 4:.1f}" '
            f'text-anchor="{anchor}" class="tick">{escape(number(value))}</text>'
        )
    return body


def bar_chart(
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    title: str,
    number: Callable[[float], str],
    desc: str = "",
    rtl: bool = False,
    chart_id: str = "chart",
    whole: bool = True,
    target: float | None = None,
    target_label: str = "",
) -> str:
    """Bars of ``values`` (None: no bar, the label still shown) with ``labels`` under them
    (already in the locale's digits). ``whole``: counts, so every grid line is a whole
    number; otherwise the axis ends at a round value (1, 2, 2.5, 5 × 10ⁿ). A dashed line
    marks ``target`` when given, with ``target_label``."""
    shown = [v for v in values if v is not None]
    highest = max([*shown, target or 0.0, 0.0])
    top = TICKS * _nice_step(highest / TICKS) if whole else nice_ceiling(highest)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    origin = RIGHT if rtl else LEFT
    slot = plot_w / max(len(values), 1)
    body = _axes(top, number, rtl)
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        position = len(values) - 1 - i if rtl else i
        x = origin + position * slot + slot * 0.15
        if value is not None and value > 0:
            height = plot_h * value / top
            y = TOP + plot_h - height
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{height:.1f}" class="bar"><title>{escape(label)}: '
                f"{escape(number(value))}</title></rect>"
            )
        body.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'class="tick">{escape(label)}</text>'
        )
    if target is not None and target <= top:
        y = TOP + plot_h - plot_h * target / top
        x1, x2 = (RIGHT, WIDTH - LEFT) if rtl else (LEFT, WIDTH - RIGHT)
        body.append(f'<line x1="{x1}" x2="{x2}" y1="{y:.1f}" y2="{y:.1f}" class="target"/>')
        if target_label:
            body.append(
                f'<text x="{x1 if rtl else x2:.1f}" y="{y - 4:.1f}" '
                f'text-anchor="{"start" if rtl else "end"}" class="tick target-label">'
                f"{escape(target_label)}</text>"
            )
    return _frame(title, desc, body, chart_id)


def line_chart(
    points: Sequence[tuple[float, float]],
    *,
    title: str,
    desc: str,
    x_label: Callable[[float], str],
    number: Callable[[float], str],
    top: float = 1.0,
    rtl: bool = False,
    chart_id: str = "chart",
) -> str:
    """A line through ``points`` ``(x, y)``, x from the first to the last point, y from 0
    to ``top``; each point marked and its x labelled."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    origin = RIGHT if rtl else LEFT
    xs = [x for x, _ in points]
    low, high = min(xs, default=0.0), max(xs, default=1.0)
    span = (high - low) or 1.0
    body = _axes(top, number, rtl)

    def place(x: float, y: float) -> tuple[float, float]:
        fraction = (x - low) / span
        if rtl:
            fraction = 1 - fraction
        return origin + fraction * plot_w, TOP + plot_h - plot_h * min(y, top) / top

    coordinates = [place(x, y) for x, y in points]
    path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coordinates)
    body.append(f'<polyline points="{path}" class="line"/>')
    for (x, y), (px, py) in zip(points, coordinates, strict=True):
        body.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" class="point">'
            f"<title>{escape(x_label(x))}: {escape(number(y))}</title></circle>"
            f'<text x="{px:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'class="tick">{escape(x_label(x))}</text>'
        )
    return _frame(title, desc, body, chart_id)
