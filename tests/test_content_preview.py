"""The content preview: a static, escaped HTML book with every outcome, answer and the flow."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.catalog.catalog import Catalog
from bot.commands import content_cmd
from bot.preview.book import PAGES, telegram_html, write_preview

SCRIPT = "<script>alert('x')</script>"
TODAY = dt.date(2026, 6, 1)
VOID = {"meta", "br", "col", "img", "hr", "input", "link", "wbr"}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> dict[str, str]:
    """The real content's book, with a hostile sample value, by page name."""
    out = tmp_path_factory.mktemp("preview")
    written = write_preview(catalog, out, today=TODAY, samples={"example": SCRIPT})
    return {path.name: path.read_text(encoding="utf-8") for path in written}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(page: str) -> str:
    """The text a reader sees in a page, with whitespace collapsed."""
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def plain(telegram: str) -> str:
    """Telegram HTML as the words a reader sees, with whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", telegram)).split())


def test_every_page_is_written(book: dict[str, str]) -> None:
    """The book has an index and one page for each part of the content."""
    assert set(book) == {name for name, _ in PAGES}
    assert "index.html" in book


def test_every_rule_outcome_of_every_locale_is_in_the_book(
    book: dict[str, str], catalog: Catalog
) -> None:
    """Each triage rule's reply, rendered in en, es and ru, appears on the outcomes page."""
    page = visible(book["outcomes.html"])
    rules = [(r.level, r.reasons) for r in catalog.triage.rules]
    rules.append((catalog.triage.fallback.level, catalog.triage.fallback.reasons))
    missing = []
    for locale in ("en", "es", "ru"):
        for level, reason_ids in rules:
            reasons = [catalog.reason(locale, r) for r in reason_ids]
            for reason in reasons:
                assert reason is not None
                if plain(catalog.fill(locale, reason.explain)) not in page:
                    missing.append((locale, reason_ids))
            # Rules on danger signs are shown after the stop; check the other form too.
            texts = {
                plain(catalog.render(locale, "outcome.j2", level=level, reasons=reasons, stopped=s))
                for s in (True, False)
            }
            if not any(text in page for text in texts):
                missing.append((locale, level, reason_ids))
    assert missing == []


def test_every_faq_topic_title_of_every_locale_is_in_the_book(
    book: dict[str, str], catalog: Catalog
) -> None:
    """Each FAQ topic's title and answer text of every locale appears on the FAQ page."""
    page = visible(book["faq.html"])
    assert set(catalog.faq) == {"en", "es", "ru"}
    for locale, topics in catalog.faq.items():
        for topic in topics.values():
            assert plain(topic.title) in page, (locale, topic.id)
            # The answer as the bot sends it (its services named for an unknown country).
            shown = catalog.render(locale, "faq_answer.j2", topic=topic).splitlines()
            first_line = plain(shown[2])
            assert first_line in page, (locale, topic.id)


def test_every_reason_is_shown_with_its_sources(book: dict[str, str], catalog: Catalog) -> None:
    """Each reason's words and every source address it cites appear on the reasons page."""
    page = book["reasons.html"]
    text = visible(page)
    for locale, reasons in catalog.reasons.items():
        for reason_id, reason in reasons.items():
            assert plain(reason.explain) in text, (locale, reason_id)
            for url in reason.sources:
                assert f'href="{html.escape(url)}"' in page, (locale, reason_id, url)


def test_rules_table_names_each_rule_level_and_source(
    book: dict[str, str], catalog: Catalog
) -> None:
    """The rules page has a row per rule with its level and its source ids."""
    page = book["rules.html"]
    for rule in catalog.triage.rules:
        row = page.split(f'<tr id="rule-{rule.id}">', 1)[1].split("</tr>", 1)[0]
        assert f"level-{rule.level}" in row, rule.id
        for source in rule.source:
            assert source in row, (rule.id, source)


def test_flow_diagram_is_an_inline_svg_of_every_step(
    book: dict[str, str], catalog: Catalog
) -> None:
    """The overview draws the flow as inline SVG with every step and the danger-sign stop."""
    page = book["index.html"]
    svg = page[page.index("<svg") : page.index("</svg>")]
    for step in catalog.flow_spec.steps:
        assert f". {step.field} ·" in svg, step.field
    assert "STOP" in svg
    assert "asked only if" in svg


def test_every_question_and_option_label_of_every_locale_is_shown(
    book: dict[str, str], catalog: Catalog
) -> None:
    """The questions page shows each option's words in each locale."""
    page = visible(book["questions.html"])
    for locale in catalog.locales:
        for step in catalog.flow_spec.steps:
            for option in catalog.vocab.fields[step.field].options:
                label = plain(catalog.t(locale, f"opt.{step.field}.{option}"))
                assert label in page, (locale, step.field, option)


def test_safety_replies_of_every_locale_are_shown(book: dict[str, str], catalog: Catalog) -> None:
    """The safety page shows the emergency reply of every locale."""
    page = visible(book["safety.html"])
    for locale in catalog.locales:
        reply = catalog.render(locale, "safety.j2", level="emergency", flags=["heavy_bleeding"])
        assert plain(reply) in page, locale


def test_every_page_parses_with_balanced_tags(book: dict[str, str]) -> None:
    """Each page is well-formed: every opened element is closed in order."""

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.errors: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            else:
                self.stack.pop()

    for name, page in book.items():
        parser = Balance()
        parser.feed(page)
        parser.close()
        assert parser.errors == [], name
        assert parser.stack == [], name


def test_a_sample_value_with_markup_is_escaped(book: dict[str, str]) -> None:
    """A <script> given as a sample value appears only as escaped text."""
    for name, page in book.items():
        assert "<script" not in page.lower(), name
    assert "&lt;script&gt;" in book["messages.html"]


def test_pages_need_nothing_from_the_network(book: dict[str, str]) -> None:
    """No page loads a stylesheet, script, image or font from anywhere."""
    for name, page in book.items():
        assert not re.search(r"<(link|img|script|iframe)\b", page), name
        assert "@import" not in page and "url(http" not in page, name


def test_telegram_tags_are_kept_and_other_markup_shown_as_text() -> None:
    """Telegram's formatting tags survive; any other tag is escaped, unclosed tags closed."""
    shown = telegram_html('<b>bold</b> <a href="javascript:x()">x</a> <img src=x> <i>open')
    assert shown.startswith("<b>bold</b> <a>x</a> &lt;img src=x&gt; <i>open")
    assert shown.endswith("</i>")


def test_preview_command_writes_the_index(tmp_path: Path) -> None:
    """`content preview --out DIR` exits 0 and writes DIR/index.html."""
    out, err = io.StringIO(), io.StringIO()
    code = content_cmd.run(["preview", "--out", str(tmp_path / "book")], out, err, today=TODAY)
    assert code == 0, err.getvalue()
    assert (tmp_path / "book" / "index.html").is_file()
    assert "preview written" in out.getvalue()
