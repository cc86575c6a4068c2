"""A message's clauses and sentences as written (bot.domain.textnorm.pieces)."""

from __future__ import annotations

from bot.domain.textnorm import pieces


def test_clauses_are_split_at_commas_and_full_stops() -> None:
    """Each clause runs from its first word to its last, punctuation around it left out."""
    text = "We went to the park, it was lovely. Then I took them all"
    assert pieces(text) == ["We went to the park", "it was lovely", "Then I took them all"]


def test_sentences_are_not_split_at_commas() -> None:
    """A sentence ends at a full stop, a question or exclamation mark or a new line only."""
    text = "We went to the park, it was lovely!\nThen I took them all, sorry"
    assert pieces(text, sentences=True) == [
        "We went to the park, it was lovely",
        "Then I took them all, sorry",
    ]


def test_a_decimal_number_ends_no_sentence() -> None:
    """The point inside a number such as a temperature is no full stop."""
    assert pieces("(temp 38.5 now. Help", sentences=True) == ["temp 38.5 now", "Help"]


def test_text_without_words_has_no_pieces() -> None:
    """Punctuation and spaces alone give nothing to weigh."""
    assert pieces(" ... ?!") == []
