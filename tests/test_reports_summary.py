"""The summary PDF: a valid file whose text, read back through the fonts' own Unicode maps,
holds the disclaimer on every page, the red flags with their advice, and Cyrillic and
accented Latin exactly as given.

The text is read with a small PDF reader below (enough for what fpdf2 writes), so the test
needs no PDF tool on the machine.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterator

import pytest

from bot.reports import SummaryEntry, SummaryInput, SummaryWords
from bot.reports.summary_pdf import printable, render_summary

DISCLAIMER = "Self-reported by the user; not a diagnosis."
ONE_PIXEL_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7\x9a\xa0"
    b"\xa0\x00\x00\x00\x00IEND\xaeB`\x82"
)


# --- a minimal reader for fpdf2 output ---------------------------------------------------------


def pdf_objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number -> (dictionary, decoded stream or b"")."""
    objects: dict[int, tuple[bytes, bytes]] = {}
    header = re.compile(rb"(\d+) 0 obj\n")
    pos = 0
    while match := header.search(pdf, pos):
        start = match.end()
        end = pdf.index(b"endobj", start)
        stream = pdf.find(b"stream\n", start, end)
        if stream < 0:
            objects[int(match.group(1))] = (pdf[start:end], b"")
            pos = end
            continue
        head = pdf[start:stream]
        length = int(re.search(rb"/Length (\d+)", head).group(1))  # type: ignore[union-attr]
        data = pdf[stream + 7 : stream + 7 + length]
        if b"/FlateDecode" in head:
            data = zlib.decompress(data)
        objects[int(match.group(1))] = (head, data)
        pos = stream + 7 + length
    return objects


def _cmap(data: bytes) -> dict[int, str]:
    codes: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            codes[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            for offset in range(int(hi, 16) - int(lo, 16) + 1):
                codes[int(lo, 16) + offset] = chr(int(dst, 16) + offset)
    return codes


def _tokens(content: bytes) -> Iterator[bytes | tuple[str, bytes]]:
    """Operators and names as bytes; literal strings as ("str", raw bytes)."""
    escapes = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
    i = 0
    while i < len(content):
        c = content[i]
        if c == ord("("):
            out, depth, i = bytearray(), 1, i + 1
            while True:
                c = content[i]
                if c == ord("\\"):
                    nxt = content[i + 1]
                    if ord("0") <= nxt <= ord("7"):
                        digits = re.match(rb"[0-7]{1,3}", content[i + 1 : i + 4])
                        assert digits is not None
                        out.append(int(digits.group(0), 8))
                        i += 1 + len(digits.group(0))
                        continue
                    out += escapes.get(nxt, bytes([nxt]))
                    i += 2
                    continue
                if c == ord("("):
                    depth += 1
                elif c == ord(")"):
                    depth -= 1
                    if depth == 0:
                        i += 1
                        break
                out.append(c)
                i += 1
            yield ("str", bytes(out))
        elif chr(c).isspace():
            i += 1
        elif c in b"[]":
            yield bytes([c])
            i += 1
        else:
            word = re.match(rb"[^\s()\[\]]+", content[i:])
            assert word is not None
            yield word.group(0)
            i += len(word.group(0))


_OPERAND = re.compile(rb"/\S*|[-+]?[\d.]+")


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, one line per text-showing operation."""
    objects = pdf_objects(pdf)
    kids = re.search(rb"/Kids \[(.*?)\]", objects[1][0], re.S)
    assert kids is not None
    pages = []
    for page in re.findall(rb"(\d+) 0 R", kids.group(1)):
        head = objects[int(page)][0]
        resources = objects[int(re.search(rb"/Resources (\d+) 0 R", head).group(1))][0]  # type: ignore[union-attr]
        fonts = {}
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", resources):
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)][0])
            assert to_unicode is not None
            fonts[name] = _cmap(objects[int(to_unicode.group(1))][1])
        content = objects[int(re.search(rb"/Contents (\d+) 0 R", head).group(1))][1]  # type: ignore[union-attr]
        lines: list[str] = []
        stack: list[bytes | tuple[str, bytes]] = []
        font: dict[int, str] = {}
        for token in _tokens(content):
            if isinstance(token, tuple) or token in (b"[", b"]") or _OPERAND.fullmatch(token):
                stack.append(token)
                continue
            if token == b"Tf":
                name = stack[-2]
                assert isinstance(name, bytes)
                font = fonts[name.lstrip(b"/")]
            elif token in (b"Tj", b"TJ"):
                raw = b"".join(t[1] for t in stack if isinstance(t, tuple))
                codes = [int.from_bytes(raw[k : k + 2], "big") for k in range(0, len(raw), 2)]
                lines.append("".join(font.get(code, "\ufffd") for code in codes))
            stack = []
        pages.append("\n".join(lines))
    return pages


# --- fixtures ---------------------------------------------------------------------------------


def words(**changes: str) -> SummaryWords:
    base = {
        "title": "Сводка наблюдений · Résumé pour la sage-femme 📄",
        "disclaimer": DISCLAIMER,
        "red_flags": "Red flags raised, and the advice given",
        "no_red_flags": "No urgent or emergency results.",
        "chart": "Chart",
        "checkins": "Every check-in, oldest first",
        "no_checkins": "No check-ins in this period.",
        "level": "Result",
        "why": "Why",
        "advice": "Advice given",
    }
    return SummaryWords(**{**base, **changes})


def entry(day: int, *, flag: bool = False) -> SummaryEntry:
    return SummaryEntry(
        date=f"{day} May 2026",
        stage="28 weeks pregnant",
        level_id="urgent" if flag else "normal",
        level="Urgent" if flag else "Normal",
        answers=[("Цвет", "Белые выделения"), ("Texture", "Crème, sécrétion fluide")],
        reasons=["Any bleeding in pregnancy should be checked the same day."] if flag else [],
        advice="Contact your maternity unit now." if flag else "",
        red_flag=flag,
    )


def summary(entries: list[SummaryEntry], chart: bytes | None = None) -> SummaryInput:
    return SummaryInput(
        words=words(),
        facts=[("Period", "1 May 2026 – 31 May 2026"), ("Stage", "Pregnant, 30 weeks")],
        entries=entries,
        created=dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC),
        chart_png=chart,
        language="ru",
    )


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    """Forty check-ins (three of them red flags) with a chart: several pages."""
    return render_summary(summary([entry(1 + n % 31, flag=n % 13 == 5) for n in range(40)]))


# --- tests ------------------------------------------------------------------------------------


def test_summary_is_a_valid_pdf_of_several_pages(long_pdf: bytes) -> None:
    """The file starts with %PDF-, ends with %%EOF, and its page tree has several pages."""
    assert long_pdf.startswith(b"%PDF-") and long_pdf.rstrip().endswith(b"%%EOF")
    assert len(long_pdf) > 10_000
    assert len(pdf_pages(long_pdf)) >= 3


def test_disclaimer_is_on_every_page(long_pdf: bytes) -> None:
    """Each page carries 'Self-reported by the user; not a diagnosis.' (the footer)."""
    pages = pdf_pages(long_pdf)
    assert all(DISCLAIMER in page for page in pages)


def test_cyrillic_and_accented_latin_come_back_exactly(long_pdf: bytes) -> None:
    """Cyrillic and accented text is embedded with its glyphs and reads back unchanged."""
    first = pdf_pages(long_pdf)[0]
    assert "Сводка наблюдений · Résumé pour la sage-femme" in first
    assert "Цвет: Белые выделения; Texture: Crème, sécrétion fluide" in first
    assert "\ufffd" not in first


def test_red_flags_are_listed_first_with_the_advice_given(long_pdf: bytes) -> None:
    """The red-flag section lists each flagged check-in with its reasons and advice."""
    first = pdf_pages(long_pdf)[0]
    section = first.split("Red flags raised, and the advice given")[1].split("Every check-in")[0]
    assert section.count("Advice given: Contact your maternity unit now.") == 3
    assert "⚠ 6 May 2026 · 28 weeks pregnant — Result: Urgent" in section


def test_summary_without_red_flags_says_so() -> None:
    """With only normal check-ins the red-flag section says there were none."""
    text = "\n".join(pdf_pages(render_summary(summary([entry(3), entry(4)]))))
    assert "No urgent or emergency results." in text
    assert "⚠" not in text


def test_chart_is_embedded_as_an_image() -> None:
    """A given chart PNG is placed in the PDF as an image object."""
    pdf = render_summary(summary([entry(3)], chart=ONE_PIXEL_PNG))
    assert b"/Subtype /Image" in pdf
    assert "Chart" in "\n".join(pdf_pages(pdf))


def test_emoji_the_font_cannot_draw_are_left_out() -> None:
    """Emoji from chat texts are dropped instead of printed as empty boxes."""
    assert printable("📞 Call now ☎️ ok") == "Call now ☎ ok"


def test_the_checkins_heading_is_never_left_alone_at_a_page_end() -> None:
    """Whatever the number of red flags before it, the heading of the list of check-ins is on
    the page of the first check-in, not alone at the foot of the page before."""
    for flags in range(12):
        entries = [entry(1 + n, flag=n < flags) for n in range(flags + 2)]
        pages = pdf_pages(render_summary(summary(entries)))
        heading = next(i for i, text in enumerate(pages) if "Every check-in" in text)
        first_after = pages[heading].split("Every check-in", 1)[1]
        assert "1 May 2026" in first_after, flags
