"""Spanish free text meets its targets on the dev set's Spanish items and on our Spanish set.

Targets (issue 9): Spanish top-1 >= 0.85 (topic or also_ok) and every ``urgent_flag`` item gets
urgent or emergency advice; every ``expect: emergency`` item is screened as an emergency. Our
own file, tests/data/faq-extra-es.yaml, was written apart from the content's example phrasings;
its out-of-scope part includes hard pregnancy-related questions ("can I exercise?"), so its
no-match floor is set a little below the English 0.9.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.faq_content import build_matcher, load_required_topics, load_safety
from bot.catalog.files import CONTENT_DIR
from bot.commands.faq_cmd import EvalItem, decide, load_items, score
from bot.domain.faq import LexicalMatcher
from bot.domain.safety import SafetyScreen

DATA = Path(__file__).parent / "data"
SETS = ["faq-dev.yaml", "faq-extra-es.yaml"]
LANG = "es"


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


@pytest.fixture(scope="module")
def matcher() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


def _spanish(name: str) -> list[EvalItem]:
    return [item for item in load_items(DATA / name) if item.lang == LANG]


@pytest.mark.parametrize("name", SETS)
def test_spanish_top1_is_at_least_085(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least 85 % of Spanish in-scope messages get the right topic outright."""
    tally = score(_spanish(name), screen, matcher)[LANG]
    assert tally.top1 / tally.in_scope >= 0.85, tally.misses


@pytest.mark.parametrize("name", SETS)
def test_every_spanish_urgent_flag_message_gets_urgent_advice(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """Every Spanish message with an active red-flag symptom gets urgent or emergency advice."""
    missed = [
        item.id
        for item in _spanish(name)
        if item.urgent_flag
        and decide(screen, matcher, item.text, item.lang).safety.level
        not in ("urgent", "emergency")
    ]
    assert missed == []


@pytest.mark.parametrize("name", SETS)
def test_every_spanish_emergency_message_gets_emergency(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """Every Spanish message labelled as an emergency is screened as one."""
    missed = [
        item.id
        for item in _spanish(name)
        if item.expect == "emergency"
        and decide(screen, matcher, item.text, item.lang).safety.level != "emergency"
    ]
    assert missed == []


@pytest.mark.parametrize("name", SETS)
def test_no_spanish_message_gets_a_wrong_topic_outright(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """When the matcher is unsure it asks; a confident Spanish answer is almost never wrong."""
    items = [item for item in _spanish(name) if item.topic is not None]
    wrong = sum(
        1
        for item in items
        if (topic := decide(screen, matcher, item.text, item.lang).match.topic) is not None
        and topic not in {item.topic, *item.also_ok}
    )
    assert wrong <= 0.02 * len(items)


def test_most_spanish_out_of_scope_messages_get_no_topic(
    screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least 80 % of our Spanish out-of-scope messages get no FAQ topic."""
    tally = score(_spanish("faq-extra-es.yaml"), screen, matcher)[LANG]
    assert tally.none_ok / tally.none_items >= 0.8


def test_the_spanish_set_is_big_enough() -> None:
    """Our Spanish set has 30+ items covering every topic, with out-of-scope and emergencies."""
    items = _spanish("faq-extra-es.yaml")
    assert len(items) >= 30
    assert {item.topic for item in items if item.topic} == set(load_required_topics(CONTENT_DIR))
    assert any(item.expect == "none" for item in items)
    assert any(item.expect == "emergency" for item in items)


def test_spanish_content_answers_in_spanish(matcher: LexicalMatcher) -> None:
    """Spanish has FAQ content of its own, so a Spanish question is not matched in English."""
    assert LANG in matcher.languages
    result = matcher.match("que es el moco cervical y para que sirve", LANG)
    assert result.topic == "what_is_cervical_mucus"
