"""The free-text pipeline meets its targets on the labelled dev set and on our extra set.

Targets (issue 3): English top-1 >= 0.93 (topic or also_ok), no-match precision >= 0.9,
every ``expect: emergency`` message gets emergency and every ``urgent_flag`` message gets
urgent or emergency, in every language. Held-out questions of the same kind are used for
the final check, so these numbers are necessary, not sufficient.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.faq_content import build_matcher, load_safety
from bot.catalog.files import CONTENT_DIR
from bot.commands.faq_cmd import EvalItem, decide, load_items, score
from bot.domain.faq import LexicalMatcher
from bot.domain.safety import SafetyScreen

DATA = Path(__file__).parent / "data"
SETS = ["faq-dev.yaml", "faq-extra.yaml"]


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


@pytest.fixture(scope="module")
def matcher() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


def _items(name: str) -> list[EvalItem]:
    return load_items(DATA / name)


@pytest.mark.parametrize("name", SETS)
def test_english_top1_is_at_least_093(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least 93 % of English in-scope messages get the right topic outright."""
    tally = score(_items(name), screen, matcher)["en"]
    assert tally.top1 / tally.in_scope >= 0.93, tally.misses


@pytest.mark.parametrize("name", SETS)
def test_no_match_precision_is_at_least_09(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least 90 % of English out-of-scope messages get no topic."""
    tally = score(_items(name), screen, matcher)["en"]
    assert tally.none_ok / tally.none_items >= 0.9


@pytest.mark.parametrize("name", SETS)
def test_every_emergency_message_gets_emergency(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """Every message labelled as an emergency, in any language, is screened as one."""
    missed = [
        item.id
        for item in _items(name)
        if item.expect == "emergency"
        and decide(screen, matcher, item.text, item.lang).safety.level != "emergency"
    ]
    assert missed == []


@pytest.mark.parametrize("name", SETS)
def test_every_urgent_flag_message_gets_urgent_advice(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """Every message with an active red-flag symptom, in any language, gets urgent or emergency."""
    missed = [
        item.id
        for item in _items(name)
        if item.urgent_flag
        and decide(screen, matcher, item.text, item.lang).safety.level
        not in ("urgent", "emergency")
    ]
    assert missed == []


@pytest.mark.parametrize("name", SETS)
def test_no_english_message_gets_a_wrong_topic_outright(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """When the matcher is unsure it asks; a confident answer is almost never wrong (<= 2 %)."""
    wrong = 0
    total = 0
    for item in _items(name):
        if item.lang != "en" or item.topic is None:
            continue
        total += 1
        topic = decide(screen, matcher, item.text, item.lang).match.topic
        wrong += topic is not None and topic not in {item.topic, *item.also_ok}
    assert wrong <= 0.02 * total


def test_the_extra_set_is_big_enough() -> None:
    """Our own labelled set has at least 60 items, with out-of-scope and emergency messages."""
    items = _items("faq-extra.yaml")
    assert len(items) >= 60
    assert any(item.expect == "none" for item in items)
    assert any(item.expect == "emergency" for item in items)
