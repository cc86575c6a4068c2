"""Reading level of every user-facing text, so writers can keep the words plain.

Scores come from ``textstat``, with a formula made for each language:

* English: Flesch reading ease and Flesch-Kincaid grade.
* Spanish: Fernández Huerta reading ease and Crawford's grade (years of schooling).
* Russian: Flesch reading ease with Oborneva's Russian constants (textstat's ``ru``
  setting); textstat has no Russian grade formula, so the grade is read off Flesch's own
  table of ease bands and school grades (90-100: 5th grade ... 0-30: college graduate).

Higher ease is easier (0-100); the grade is roughly the US school year a reader needs.
Use the numbers to rank texts within one language: the three formulas are not one scale
(Russian words are longer, so Russian grades run several years above the same English
text), and pyphen's hyphenation points undercount syllables a little ("emergency": 2),
so English grades run somewhat low.

English syllables are counted with pyphen's en_GB hyphenation dictionary, not CMUdict:
textstat downloads CMUdict over the network the first time English is scored (through
nltk), which CI and the bot's server must not do, and a count that depends on what a
machine happens to have cached would make the report differ between machines. The
language tag ``en-GB`` (hyphen, not underscore) is what makes textstat skip CMUdict.

Texts are scored as the user reads them: Jinja tags and HTML are removed first, a line
without closing punctuation (a heading, a bullet) counts as a sentence of its own, and
texts shorter than a few words (buttons, labels) are left out, since a formula says nothing
about them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from bot.extras import need

if TYPE_CHECKING:
    from bot.catalog.catalog import Catalog

DEFAULT_MIN_WORDS = 8

_JINJA_COMMENT = re.compile(r"{#.*?#}", re.DOTALL)
_JINJA_TAG = re.compile(r"{%.*?%}", re.DOTALL)
_JINJA_EXPR = re.compile(r"{{.*?}}", re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>")
_URL = re.compile(r"https?://\S+")
_COMMAND = re.compile(r"(?<!\w)/(\w+)")
_SYMBOLS = re.compile(r"[^\w\s.,;:!?¿¡'’\-–—()«»\"%]")
_BULLET = re.compile(r"^\s*(?:[•·\-–*]|\d+[.)])\s+")
_SPACES = re.compile(r"[ \t]+")
_SENTENCE_END = ".!?…"
# Flesch's table: reading ease band -> school grade, taken at the middle of each band.
_FLESCH_TABLE = ((95.0, 5.0), (85.0, 6.0), (75.0, 7.0), (65.0, 8.5), (55.0, 11.0), (40.0, 14.5))
_FLESCH_FLOOR = (15.0, 17.5)


@dataclass(frozen=True)
class Score:
    """The reading level of one text in one locale."""

    key: str
    locale: str
    words: int
    ease: float
    grade: float


@dataclass(frozen=True)
class Formula:
    """How one language is scored: the names shown in the report and the two functions."""

    ease_name: str
    grade_name: str
    ease: Callable[[str], float]
    grade: Callable[[str], float]
    words: Callable[[str], int]


def plain_text(source: str) -> str:
    """The words a reader sees: no Jinja, no HTML, no links; one sentence per bare line."""
    text = _JINJA_COMMENT.sub("", source)
    text = _JINJA_TAG.sub("", text)
    text = _JINJA_EXPR.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = html.unescape(text)
    text = _URL.sub("", text)
    text = _COMMAND.sub(r"\1", text)
    text = _SYMBOLS.sub(" ", text)
    lines = []
    for raw in text.splitlines():
        line = _SPACES.sub(" ", _BULLET.sub("", raw)).strip(" -–—")
        if not any(ch.isalpha() for ch in line):
            continue
        line = line.rstrip(":;,")
        if line[-1] not in _SENTENCE_END:
            line += "."
        lines.append(line)
    return " ".join(lines)


def grade_from_ease(ease: float) -> float:
    """A school grade for a Flesch-type reading ease, by Flesch's table (interpolated)."""
    top_ease, top_grade = _FLESCH_TABLE[0]
    if ease >= top_ease:
        return top_grade
    points = (*_FLESCH_TABLE, _FLESCH_FLOOR)
    for (high, grade_high), (low, grade_low) in pairwise(points):
        if ease >= low:
            return grade_high + (high - ease) / (high - low) * (grade_low - grade_high)
    return _FLESCH_FLOOR[1]


@cache
def formula_for(locale: str) -> Formula:
    """The scoring formula of ``locale``; other locales are scored as English."""
    # textstat imports nltk, which takes most of a second: only pay for it when scoring.
    with need("content", "content readability"):
        from textstat.textstat import textstatistics  # type: ignore[import-untyped]

    stats: Any = textstatistics()
    if locale == "es":
        stats.set_lang("es")
        return Formula(
            "Fernández Huerta", "Crawford", stats.fernandez_huerta, stats.crawford, _words(stats)
        )
    if locale == "ru":
        stats.set_lang("ru")
        return Formula(
            "Flesch (Oborneva)",
            "Flesch table",
            stats.flesch_reading_ease,
            lambda text: grade_from_ease(stats.flesch_reading_ease(text)),
            _words(stats),
        )
    stats.set_lang("en-GB")
    return Formula(
        "Flesch reading ease",
        "Flesch-Kincaid",
        stats.flesch_reading_ease,
        stats.flesch_kincaid_grade,
        _words(stats),
    )


def _words(stats: Any) -> Callable[[str], int]:
    return lambda text: int(stats.lexicon_count(text))


def score(key: str, locale: str, source: str, min_words: int = DEFAULT_MIN_WORDS) -> Score | None:
    """The reading level of one text, or None when it is too short to score."""
    text = plain_text(source)
    formula = formula_for(locale)
    words = formula.words(text) if text else 0
    if words < max(1, min_words):
        return None
    return Score(
        key=key,
        locale=locale,
        words=words,
        ease=round(float(formula.ease(text)), 1),
        grade=round(float(formula.grade(text)), 1),
    )


def texts_of(catalog: Catalog, locale: str) -> Iterator[tuple[str, str]]:
    """Every text of ``locale`` a user can read, as (key, source) pairs.

    Keys: string keys as in strings.yaml, ``reason.<id>.explain`` / ``.watch_for``,
    ``faq.<id>.answer`` / ``.urgency_note`` and ``templates/<name>``.
    """
    texts = catalog.texts[locale]
    yield from sorted(texts.strings.items())
    for reason_id, reason in sorted(catalog.reasons.get(locale, {}).items()):
        yield f"reason.{reason_id}.explain", reason.explain
        if reason.watch_for:
            yield f"reason.{reason_id}.watch_for", reason.watch_for
    for topic_id, topic in sorted(catalog.faq.get(locale, {}).items()):
        yield f"faq.{topic_id}.answer", topic.answer
        if topic.urgency_note:
            yield f"faq.{topic_id}.urgency_note", topic.urgency_note
    loader = texts.env.loader
    for name in texts.template_names:
        if loader is not None:
            source, _, _ = loader.get_source(texts.env, name)
            yield f"templates/{name}", source


def report(
    catalog: Catalog, locales: tuple[str, ...] | list[str], min_words: int = DEFAULT_MIN_WORDS
) -> tuple[list[Score], int]:
    """Scores of every long-enough text of ``locales``, hardest first, and how many were
    too short to score."""
    scores: list[Score] = []
    skipped = 0
    for locale in locales:
        for key, source in texts_of(catalog, locale):
            result = score(key, locale, source, min_words)
            if result is None:
                skipped += 1
            else:
                scores.append(result)
    scores.sort(key=lambda s: (-s.grade, s.ease, s.locale, s.key))
    return scores, skipped
