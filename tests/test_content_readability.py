"""The reading-level report: plain text is scored per language, hardest first, offline."""

from __future__ import annotations

import io

import pytest

from bot.catalog.readability import grade_from_ease, plain_text, score
from bot.commands import content_cmd

PLAIN = {
    "en": "Call your midwife today. Tell her what you see. She will help you.",
    "es": "Llama hoy a tu matrona. Dile lo que ves. Ella te va a ayudar.",
    "ru": "Позвоните акушерке сегодня. Скажите, что вы видите. Она вам поможет.",
}
HARD = {
    "en": (
        "Persistent intermenstrual haemorrhage accompanied by dyspareunia necessitates "
        "comprehensive gynaecological investigation, considering malignancy, cervical "
        "ectropion and sexually transmitted infections as differential diagnoses."
    ),
    "es": (
        "La hemorragia intermenstrual persistente acompañada de dispareunia requiere una "
        "investigación ginecológica exhaustiva, considerando neoplasias, ectropión cervical "
        "e infecciones de transmisión sexual como diagnósticos diferenciales."
    ),
    "ru": (
        "Персистирующее межменструальное кровотечение, сопровождающееся диспареунией, "
        "требует всестороннего гинекологического обследования с дифференциальной "
        "диагностикой злокачественных новообразований и инфекций."
    ),
}


def test_plain_text_drops_jinja_and_html() -> None:
    """Tags, variables and comments are removed before scoring; the words stay."""
    text = plain_text('{# note #}<b>Hello</b> {{ name }}, see <a href="https://x.org">this</a>.')
    assert text == "Hello , see this."


def test_each_bare_line_counts_as_a_sentence() -> None:
    """Bullets and headings without a full stop end a sentence of their own."""
    assert plain_text("<b>Watch for:</b>\n• fever\n• pain") == "Watch for. fever. pain."


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
def test_hard_text_scores_a_higher_grade_than_plain_text(locale: str) -> None:
    """In every language, clinical jargon scores harder than short plain sentences."""
    plain = score("plain", locale, PLAIN[locale])
    hard = score("hard", locale, HARD[locale])
    assert plain is not None and hard is not None
    assert hard.grade > plain.grade
    assert hard.ease < plain.ease


def test_texts_shorter_than_the_minimum_are_not_scored() -> None:
    """A button label is too short for a readability formula."""
    assert score("btn.skip", "en", "⬅️ Back", min_words=8) is None


def test_english_is_scored_without_downloading_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring English never asks nltk to download a dictionary (CI and servers are offline)."""
    import nltk

    def refuse(*args: object, **kwargs: object) -> bool:
        raise AssertionError("readability tried to download data")

    monkeypatch.setattr(nltk, "download", refuse)
    result = score("k", "en", "A freshly written sentence that no other test scores, to be sure.")
    assert result is not None


def test_grade_from_ease_follows_flesch_table() -> None:
    """Very easy text is 5th grade, very hard text college level, and harder means higher."""
    assert grade_from_ease(100) == 5.0
    assert grade_from_ease(0) == 17.5
    grades = [grade_from_ease(e) for e in range(100, -1, -5)]
    assert grades == sorted(grades)


def test_command_prints_scores_hardest_first() -> None:
    """`content readability --locale en` exits 0 and lists key, locale and grade, worst first."""
    out, err = io.StringIO(), io.StringIO()
    code = content_cmd.run(["readability", "--locale", "en"], out, err)
    assert code == 0, err.getvalue()
    rows = [line.split() for line in out.getvalue().splitlines() if line[:1] in (" ", "-")]
    rows = [row for row in rows if len(row) == 5 and row[3] == "en"]
    assert len(rows) > 100
    grades = [float(row[0]) for row in rows]
    assert grades == sorted(grades, reverse=True)
    assert "texts scored" in out.getvalue()


def test_command_fails_only_when_max_grade_is_exceeded() -> None:
    """With --max-grade the report exits 1 if any text is harder, else 0."""
    args = ["readability", "--locale", "en"]
    assert content_cmd.run([*args, "--max-grade", "1"], io.StringIO(), io.StringIO()) == 1
    assert content_cmd.run([*args, "--max-grade", "40"], io.StringIO(), io.StringIO()) == 0


def test_unknown_locale_is_a_usage_error() -> None:
    """Asking for a locale the content lacks exits 2 and says which exist."""
    err = io.StringIO()
    assert content_cmd.run(["readability", "--locale", "xx"], io.StringIO(), err) == 2
    assert "en, es, ru" in err.getvalue()
