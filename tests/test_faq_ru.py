"""The Russian free-text pipeline meets its targets, and the Russian FAQ is a faithful copy.

Targets (issue 9): on the Russian items of the dev set and of our own Russian set, top-1
(topic or also_ok) >= 0.85, and every ``urgent_flag`` or ``expect: emergency`` message gets
urgent or emergency advice from the red-flag screen. Held-out questions of the same kind
are used for the final check, so these numbers are necessary, not sufficient.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.catalog.faq_content import build_matcher, load_faq, load_safety
from bot.catalog.files import CONTENT_DIR
from bot.commands.faq_cmd import EvalItem, decide, load_items, score
from bot.domain.faq import LexicalMatcher
from bot.domain.safety import SafetyScreen

DATA = Path(__file__).parent / "data"
SETS = ["faq-dev.yaml", "faq-extra-ru.yaml"]
LANG = "ru"

# Russian messages the red-flag screen (content/safety/redflags.yaml, not Russian content)
# misses today; the fix is reported to the lead. Strict: when the screen is fixed these
# turn into unexpected passes, and the entries must be removed.
SCREEN_GAPS: dict[str, str] = {}


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


@pytest.fixture(scope="module")
def matcher() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


def _items(name: str) -> list[EvalItem]:
    return [item for item in load_items(DATA / name) if item.lang == LANG]


def _red_flag_items() -> list[Any]:
    params: list[Any] = []
    for name in SETS:
        for item in _items(name):
            if not (item.urgent_flag or item.expect == "emergency"):
                continue
            marks = []
            if item.id in SCREEN_GAPS:
                marks.append(pytest.mark.xfail(strict=True, reason=SCREEN_GAPS[item.id]))
            params.append(pytest.param(item, id=f"{name}:{item.id}", marks=marks))
    return params


@pytest.mark.parametrize("name", SETS)
def test_russian_top1_is_at_least_085(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least 85 % of Russian in-scope messages get the right topic outright."""
    tally = score(_items(name), screen, matcher)[LANG]
    assert tally.in_scope > 0
    assert tally.top1 / tally.in_scope >= 0.85, tally.misses


@pytest.mark.parametrize("name", SETS)
def test_russian_right_topic_is_always_among_the_top_three(
    name: str, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """The right topic is among the three best for at least 95 % of Russian messages."""
    tally = score(_items(name), screen, matcher)[LANG]
    assert tally.top3 / tally.in_scope >= 0.95


def test_russian_out_of_scope_messages_get_no_topic(
    screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least 90 % of Russian chit-chat and off-topic questions get no FAQ topic."""
    items = _items("faq-dev.yaml") + _items("faq-extra-ru.yaml")
    tally = score(items, screen, matcher)[LANG]
    assert tally.none_items >= 10
    assert tally.none_ok / tally.none_items >= 0.9


def test_a_confident_russian_answer_is_almost_never_wrong(
    screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """When the matcher answers a Russian message outright, it is wrong at most 3 % of the time."""
    wrong = total = 0
    for item in _items("faq-dev.yaml") + _items("faq-extra-ru.yaml"):
        if item.topic is None:
            continue
        total += 1
        topic = decide(screen, matcher, item.text, LANG).match.topic
        wrong += topic is not None and topic not in {item.topic, *item.also_ok}
    assert wrong <= 0.03 * total


@pytest.mark.parametrize("item", _red_flag_items())
def test_russian_red_flag_message_gets_urgent_or_emergency(
    item: EvalItem, screen: SafetyScreen
) -> None:
    """A Russian message with an active red flag gets urgent advice; an emergency gets emergency."""
    level = screen.screen(item.text, LANG).level
    wanted = ("emergency",) if item.expect == "emergency" else ("urgent", "emergency")
    assert level in wanted


def test_the_russian_extra_set_is_big_enough() -> None:
    """Our Russian set has at least 30 items, with out-of-scope and emergency messages."""
    items = _items("faq-extra-ru.yaml")
    assert len(items) >= 30
    assert sum(item.expect == "none" for item in items) >= 5
    assert sum(item.expect == "emergency" for item in items) >= 5


def test_russian_faq_changes_only_the_words() -> None:
    """Each Russian topic keeps the English level, sources, related topics and weeks."""
    english = {topic.id: topic for topic in load_faq(CONTENT_DIR, "en")}
    russian = {topic.id: topic for topic in load_faq(CONTENT_DIR, LANG)}
    assert russian.keys() == english.keys()
    for topic_id, ours in russian.items():
        theirs = english[topic_id]
        same = (ours.level, ours.sources, ours.related, ours.weeks)
        assert same == (theirs.level, theirs.sources, theirs.related, theirs.weeks), topic_id


def test_russian_examples_are_not_copies_of_the_dev_set() -> None:
    """No Russian example phrasing repeats a labelled dev-set message."""
    dev = {item.text.casefold().strip(" ?!.") for item in _items("faq-dev.yaml")}
    for topic in load_faq(CONTENT_DIR, LANG):
        for example in topic.examples:
            assert example.casefold().strip(" ?!.") not in dev, (topic.id, example)
