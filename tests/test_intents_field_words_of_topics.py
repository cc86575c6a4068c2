"""A message names the field through the FAQ topics' own words as well as the hand-kept lists:
a word long enough and used by one topic only ("symptothermal", "menorrhagia") keeps a question
about the field from being read as another subject."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from bot.domain.intents import field_words_of_topics


def test_a_long_word_of_one_topic_is_a_field_word() -> None:
    """A word of six letters or more that one topic alone uses is taken."""
    words = field_words_of_topics({"en": [["what is menorrhagia"], ["heavy bleeding after birth"]]})
    assert "menorrhagia" in words["en"]


def test_a_word_that_several_topics_use_is_no_field_word() -> None:
    """A word that two topics use ("normal") says nothing of the field on its own."""
    words = field_words_of_topics({"en": [["is thrush normal"], ["is mucus normal"]]})
    assert "normal" not in words["en"]


def test_a_short_word_is_no_field_word() -> None:
    """A word shorter than six letters ("white") is as often an everyday word."""
    words = field_words_of_topics({"en": [["thick white discharge"]]})
    assert "white" not in words["en"] and "discharge" in words["en"]


@pytest.mark.parametrize(
    "text",
    [
        "how reliable is the symptothermal method",
        "whats menorrhagia",
        "is vagisil ok to use",
    ],
)
def test_a_question_in_a_topics_own_word_is_a_question(catalog: Catalog, text: str) -> None:
    """A question whose only word of the field is one a topic uses is read as a question, not
    as another subject (the hand-kept lists do not have these words)."""
    assert catalog.intents.read(text).intent == "question"


def test_a_general_knowledge_question_is_still_another_subject(catalog: Catalog) -> None:
    """A question that shares no word with the field stays out of scope."""
    assert catalog.intents.read("who invented the telephone").intent == "out_of_scope"
