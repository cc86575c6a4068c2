"""Topics about the same event before 37 weeks and at term (the plug, waters breaking) are a
stage pair: when neither the message nor the profile says the week and both score alike, both
are offered as "did you mean" rather than one picked by the wording."""

from __future__ import annotations

import pytest

from bot.catalog.faq_content import build_matcher, load_faq
from bot.catalog.files import CONTENT_DIR
from bot.domain.faq import LexicalMatcher
from bot.services.safety_reply import Stage, stage_filter

PLUG = {"mucus_plug_show", "mucus_plug_before_37_weeks"}


@pytest.fixture(scope="module")
def matcher() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


def test_a_close_pair_without_a_week_offers_both(matcher: LexicalMatcher) -> None:
    """'mucus plug came out' with no week known offers both plug topics, and answers neither."""
    result = matcher.match("mucus plug came out", "en")
    assert result.topic is None
    assert set(result.candidates) >= PLUG


def test_a_week_in_the_message_decides_the_pair(matcher: LexicalMatcher) -> None:
    """Naming the week answers with the topic for that week."""
    assert matcher.match("mucus plug came out at 39 weeks", "en").topic == "mucus_plug_show"


def test_a_stored_week_decides_the_pair(matcher: LexicalMatcher) -> None:
    """With the profile's week known (39), only the term topic competes and it is answered."""
    topics = {topic.id: topic for topic in load_faq(CONTENT_DIR, "en")}
    allowed = stage_filter(Stage(status="pregnant", weeks=39), topics.get)
    assert matcher.match("mucus plug came out", "en", allowed).topic == "mucus_plug_show"


def test_an_early_phrase_from_the_synonyms_decides_the_pair(matcher: LexicalMatcher) -> None:
    """'antes de tiempo' (early) read through the synonym table answers the preterm topic."""
    result = matcher.match("se puede perder el tapon mucoso antes de tiempo?", "es")
    assert result.topic == "mucus_plug_before_37_weeks"


def test_a_cue_inside_a_longer_cue_of_another_stage_does_not_count(
    matcher: LexicalMatcher,
) -> None:
    """'not pregnant' points at not pregnant only, not also at pregnant."""
    analyzer = matcher._index("en").analyzer
    assert analyzer.stages(["im", "not", "pregnant"]) == {"not_pregnant"}


@pytest.mark.parametrize(
    "words",
    [["had", "mc", "last", "week"], ["since", "i", "passed", "the", "pregnancy", "at", "home"]],
)
def test_a_loss_told_in_chat_words_points_at_after_loss(
    matcher: LexicalMatcher, words: list[str]
) -> None:
    """'had mc' and 'passed the pregnancy' say a loss, not a pregnancy going on."""
    assert matcher._index("en").analyzer.stages(words) == {"after_loss"}


def test_at_term_in_the_message_decides_the_pair(matcher: LexicalMatcher) -> None:
    """'at term' says the week: the plug question gets the term topic outright."""
    result = matcher.match("how do i know if ive lost my plug at term", "en")
    assert result.topic == "mucus_plug_show"


def test_before_full_term_reads_as_before_37_weeks(matcher: LexicalMatcher) -> None:
    """'before full term' is before 37 weeks: the preterm plug topic, not the term one."""
    result = matcher.match("is losing the plug before full term a sign of premature labour", "en")
    assert result.topic == "mucus_plug_before_37_weeks"
