"""The history chart: the check-ins over a range of days in one picture, readable on a phone.

Four panels share the day axis: the level on top, then colour, consistency and amount. Each
answer is a marker in the row of its option, so the picture reads without colour: the rows
are labelled in words, each level also has its own marker shape, and days with an urgent or
emergency result are shaded across all panels. The x axis labels dates with the pregnancy
week or cycle day under them.

Drawn with matplotlib's object API on the Agg canvas: no pyplot, so no global figure list
that threads would share and no figure to forget to close. Call ``render_chart`` from a
worker thread (``asyncio.to_thread``); it takes about 0.2-0.4 s.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.reports import CHART_FIELDS, ChartInput, ChartPoint

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DPI = 150
PHONE_WIDTH_IN = 7.2  # 1080 px at DPI: a phone screen's width in pixels
PAGE_WIDTH_IN = 10.0  # for the PDF: wider and flatter, to fit under a page heading
MAX_TICKS = 6
FOOTNOTE_CHARS_PER_IN = 9.5  # characters of 12 pt text that fit in an inch, with room
FLAG_LEVELS = ("urgent", "emergency")

# Marker shape and colour per level; the colour only repeats what the row and shape say.
LEVEL_STYLE: Mapping[str, tuple[str, str]] = {
    "normal": ("o", "#2e7d32"),
    "routine": ("s", "#1565c0"),
    "soon": ("D", "#e69500"),
    "urgent": ("^", "#d84315"),
    "emergency": ("X", "#b71c1c"),
}
OTHER_LEVEL = ("o", "#616161")
# Fill of the colour markers: the colour the user reported, outlined so white stays visible.
SWATCH: Mapping[str, str] = {
    "none": "#ffffff",
    "clear": "#dff1fb",
    "white": "#ffffff",
    "yellow": "#f3d23c",
    "green": "#7cb342",
    "grey": "#9e9e9e",
    "pink": "#f48fb1",
    "red": "#d32f2f",
    "brown": "#8d5524",
}
NEUTRAL = "#455a64"
FLAG_SHADE = "#d84315"

# One renderer at a time: matplotlib's font cache and text layout are not documented as
# thread-safe, and charts are rare enough that queueing them costs nothing.
_RENDER_LOCK = threading.Lock()
_backend_ready = False


def render_chart(data: ChartInput, *, wide: bool = False) -> bytes:
    """Draw ``data`` and return PNG bytes (1080 px wide, or 1500 px when ``wide``)."""
    global _backend_ready
    import matplotlib

    if not _backend_ready:
        matplotlib.use("Agg")
        _backend_ready = True
    from matplotlib.figure import Figure

    with _RENDER_LOCK:
        rows = _rows(data)
        width = PAGE_WIDTH_IN if wide else PHONE_WIDTH_IN
        row_in = 0.24 if wide else 0.34
        height = 1.9 + sum(0.5 + max(2, len(r)) * row_in for r in rows.values())
        fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained", facecolor="white")
        ratios = [max(2, len(r)) + 1 for r in rows.values()]
        axes = fig.subplots(len(rows), 1, sharex=True, gridspec_kw={"height_ratios": ratios})
        days = (data.end - data.start).days + 1
        flagged = sorted({_x(data, p) for p in data.points if p.level in FLAG_LEVELS})
        size = _marker_area(days, width)
        for ax, (panel, panel_rows) in zip(axes, rows.items(), strict=True):
            _panel(ax, data, panel, panel_rows, flagged, size)
        ticks = _tick_offsets(data.start, days, data.week_anchor)
        bottom = axes[-1]
        bottom.set_xlim(-0.6, days - 0.4)
        bottom.set_xticks(ticks, labels=[_tick_label(data, t) for t in ticks], fontsize=13)
        fig.suptitle(data.words.title, fontsize=17, fontweight="bold")
        # Wrapped to the picture's width: a one-line footnote ran off both edges.
        footnote = "\n".join(textwrap.wrap(data.words.footnote, int(width * FOOTNOTE_CHARS_PER_IN)))
        fig.supxlabel(footnote, fontsize=12, color="#444444")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
        return buffer.getvalue()


def _rows(data: ChartInput) -> dict[str, list[tuple[str, str]]]:
    """(option id, label) per panel, top row first."""
    levels = list(data.words.levels.items())
    rows: dict[str, list[tuple[str, str]]] = {"level": levels[::-1]}
    for field_id in CHART_FIELDS:
        options = list(data.words.options.get(field_id, {}).items())
        if field_id == "amount":
            # An ordered scale: show every step, most at the top, so heights compare.
            rows[field_id] = options[::-1]
        else:
            used = {p.answer(field_id) for p in data.points}
            rows[field_id] = [(o, label) for o, label in options if o in used]
    return rows


def _x(data: ChartInput, point: ChartPoint) -> int:
    return (point.day - data.start).days


def _marker_area(days: int, width_in: float) -> float:
    per_day_pt = (width_in - 2.2) * 72 / max(days, 1)
    diameter = max(6.0, min(15.0, per_day_pt * 0.8))
    return diameter * diameter


def _panel(
    ax: Axes,
    data: ChartInput,
    panel: str,
    rows: list[tuple[str, str]],
    flagged: Sequence[int],
    size: float,
) -> None:
    ax.set_title(data.words.panels.get(panel, panel), loc="left", fontsize=15, fontweight="bold")
    for x in flagged:
        ax.axvspan(x - 0.5, x + 0.5, color=FLAG_SHADE, alpha=0.13, linewidth=0, zorder=0)
    ax.tick_params(axis="both", labelsize=13, length=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.8)
    if not rows:
        ax.set_yticks([])
        ax.set_ylim(0, 1)
        ax.text(
            0.5, 0.5, data.words.no_answers, transform=ax.transAxes, ha="center", va="center",
            fontsize=13, color="#666666",
        )  # fmt: skip
        return
    position = {option: len(rows) - 1 - i for i, (option, _) in enumerate(rows)}
    ax.set_yticks(range(len(rows)), labels=[label for _, label in rows[::-1]])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    if panel == "level":
        for level, _ in rows:
            xs = [_x(data, p) for p in data.points if p.level == level]
            if xs:
                marker, colour = LEVEL_STYLE.get(level, OTHER_LEVEL)
                ax.scatter(
                    xs, [position[level]] * len(xs), s=size * 1.3, marker=marker, c=colour,
                    edgecolors="black", linewidths=0.8, zorder=3,
                )  # fmt: skip
        return
    for point in data.points:
        option = point.answer(panel)
        if option is None or option not in position:
            continue
        face = SWATCH.get(option, NEUTRAL) if panel == "colour" else NEUTRAL
        ax.scatter(
            [_x(data, point)], [position[option]], s=size, marker="o", c=face,
            edgecolors="#222222", linewidths=0.9, zorder=3,
        )  # fmt: skip


def _tick_offsets(start: dt.date, days: int, anchor: dt.date | None) -> list[int]:
    """Day offsets to label: at most MAX_TICKS, on whole pregnancy weeks when anchored.

    Ranges shorter than two weeks are labelled by day: they may not hold a week's start.
    """
    if anchor is not None and days >= 14:
        first = (anchor - start).days % 7
        weeks = max(1, math.ceil(days / 7 / MAX_TICKS))
        step = 7 * weeks
    else:
        first = 0
        step = next((s for s in (1, 2, 3, 5, 7, 10, 14) if math.ceil(days / s) <= MAX_TICKS), 0)
        if not step:
            step = 7 * math.ceil(days / 7 / MAX_TICKS)
    return list(range(first, days, step))


def _tick_label(data: ChartInput, offset: int) -> str:
    day = data.start + dt.timedelta(days=offset)
    label = data.day_labels.get(day, day.isoformat())
    stage = data.stage_labels.get(day)
    return f"{label}\n{stage}" if stage else label
