"""Specification of the Cyrillic reading of Russian typed in Latin letters."""

from __future__ import annotations

import pytest

from bot.domain.translit import LatinRussian, softless, to_cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("zhivot", "живот"),
        ("kruzhitsya", "кружится"),
        ("beremennaya", "беременная"),
        ("shchas", "щас"),
        ("hochu", "хочу"),
        ("sejchas", "сейчас"),
        ("soboy", "собой"),
        ("dney", "дней"),
    ],
)
def test_latin_letter_groups_read_as_cyrillic(latin: str, cyrillic: str) -> None:
    """Letter groups such as zh, ch, shch, tsya and ya read as one Cyrillic sound each."""
    assert to_cyrillic(latin) == cyrillic


def test_a_final_y_after_a_consonant_stays_a_vowel() -> None:
    """Only after a vowel is a final "y" the letter "й": "my" and "vy" stay "мы" and "вы"."""
    assert (to_cyrillic("my"), to_cyrillic("vy")) == ("мы", "вы")


def test_soft_signs_are_compared_away() -> None:
    """A reading without a soft sign ("krov") compares equal to the word with one ("кровь")."""
    assert softless(to_cyrillic("krov")) == softless("кровь")


def test_a_message_needs_two_russian_cues() -> None:
    """One Russian-looking word in an English message does not make it Russian."""
    reader = LatinRussian(["menya", "bolit"])
    assert reader.reading(["my", "tummy", "bolit"]) is None
    assert reader.reading(["u", "menya", "bolit"]) == ["у", "меня", "болит"]
