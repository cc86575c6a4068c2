"""The summary PDF for a midwife or doctor: period, stage, red flags with the advice given,
the chart, and every check-in with its answers, level and reasons.

Built with fpdf2 and DejaVu Sans, a Unicode TrueType font that matplotlib ships (so no
system font is needed), which covers Latin with accents, Greek and Cyrillic. Characters the
font lacks, such as the emoji used in chat messages, are dropped instead of being printed as
empty boxes. The line "self-reported, not a diagnosis" is at the top of the first page and
in every page footer. Call ``render_summary`` from a worker thread.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

from bot.reports import SummaryEntry, SummaryInput

FAMILY = "DejaVu"
MARGIN_MM = 15
KEEP_WITH_NEXT_MM = 50  # a heading (13 mm) and a check-in of six lines
BODY_PT = 10
LINE_MM = 5.2
FLAG_MARK = "⚠ "  # U+26A0 is in DejaVu Sans
_SPACES = re.compile(r"[ \t]{2,}")
# Emoji presentation selectors and joiners: in the font, but meaningless without the emoji.
_INVISIBLE = frozenset({0xFE0E, 0xFE0F, 0x200D})


@functools.cache
def font_paths() -> tuple[Path, Path]:
    """The regular and bold DejaVu Sans files inside matplotlib's data directory."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


@functools.cache
def _glyphs(path: Path) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(path)).get_charmap())


def printable(text: str) -> str:
    """``text`` without the characters the PDF font cannot draw, spaces tidied."""
    glyphs = _glyphs(font_paths()[0])
    kept = "".join(c for c in text if c == "\n" or (ord(c) in glyphs and ord(c) not in _INVISIBLE))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in kept.split("\n")).strip()


def render_summary(data: SummaryInput) -> bytes:
    """Lay out ``data`` on A4 pages and return the PDF bytes."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    regular, bold = font_paths()
    footer_text = printable(data.words.disclaimer)

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FAMILY, size=8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, f"{footer_text}    {self.page_no()}/{{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = _Pdf(format="A4")
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.set_title(printable(data.words.title))
    pdf.set_lang(data.language)
    pdf.set_creator("mucus-checkin-bot")
    pdf.set_creation_date(data.created)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    flow: dict[str, Any] = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}

    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 8, printable(data.words.title), **flow)
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", 11)
    pdf.set_fill_color(255, 240, 214)
    pdf.multi_cell(0, 7, footer_text, border=1, fill=True, padding=2, **flow)
    pdf.ln(3)
    for label, value in data.facts:
        pdf.set_font(FAMILY, "B", BODY_PT)
        pdf.cell(48, LINE_MM + 0.6, printable(label))
        pdf.set_font(FAMILY, "", BODY_PT)
        # Left-aligned: fpdf2 justifies by default, which stretched a wrapped stage line.
        pdf.multi_cell(0, LINE_MM + 0.6, printable(value), align="L", **flow)

    flags = [e for e in data.entries if e.red_flag]
    _heading(pdf, data.words.red_flags, flow)
    if not flags:
        pdf.set_font(FAMILY, "", BODY_PT)
        pdf.multi_cell(0, LINE_MM, printable(data.words.no_red_flags), **flow)
    for entry in flags:
        _entry(pdf, data, entry, flow)

    if data.chart_png:
        image = io.BytesIO(data.chart_png)
        width_px, height_px = _png_size(data.chart_png)
        height_mm = pdf.epw * height_px / max(width_px, 1)
        if pdf.will_page_break(height_mm + 14):
            pdf.add_page()
        _heading(pdf, data.words.chart, flow)
        pdf.image(image, w=pdf.epw, h=height_mm)

    _heading(pdf, data.words.checkins, flow)
    if not data.entries:
        pdf.set_font(FAMILY, "", BODY_PT)
        pdf.multi_cell(0, LINE_MM, printable(data.words.no_checkins), **flow)
    for entry in data.entries:
        _entry(pdf, data, entry, flow)
    return bytes(pdf.output())


def _heading(pdf: Any, text: str, flow: dict[str, Any]) -> None:
    # Room for the heading and a usual check-in after it: a heading is never left alone at
    # the foot of a page (each check-in is kept whole, so it would go to the next page).
    if pdf.will_page_break(KEEP_WITH_NEXT_MM):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 13)
    pdf.multi_cell(0, 7, printable(text), **flow)
    pdf.set_draw_color(150, 150, 150)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(2)


def _entry(pdf: Any, data: SummaryInput, entry: SummaryEntry, flow: dict[str, Any]) -> None:
    """One check-in, kept on one page: heading line, answers, reasons, advice."""
    words = data.words
    head = " · ".join(part for part in (entry.date, entry.stage) if part)
    head = f"{head} — {words.level}: {entry.level}"
    if entry.red_flag:
        head = FLAG_MARK + head
    lines: list[tuple[str, str]] = []
    if entry.answers:
        lines.append(("", "; ".join(f"{name}: {value}" for name, value in entry.answers)))
    if entry.reasons:
        lines.append((words.why, " ".join(entry.reasons)))
    if entry.advice:
        lines.append((words.advice, entry.advice))
    with pdf.unbreakable() as doc:
        doc.set_font(FAMILY, "B", BODY_PT + 0.5)
        doc.multi_cell(0, LINE_MM + 0.4, printable(head), align="L", **flow)
        for label, text in lines:
            doc.set_font(FAMILY, "", BODY_PT)
            body = f"{label}: {text}" if label else text
            doc.multi_cell(0, LINE_MM, printable(body), align="L", **flow)
        doc.ln(2.5)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
        raise ValueError("not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
