"""The free-text pipeline meets its targets in every language, on the dev set and on our sets.

Targets (issues 3 and 9), per language, on the language's items of the labelled dev set and
of our own set for that language:

* top-1 (topic or also_ok) at least 0.93 in English and 0.85 in Spanish and Russian, and in
  Russian the right topic among the three best for at least 95 %;
* no-match precision at least 0.9; 0.8 on our Spanish set, whose out-of-scope part includes
  hard pregnancy-related questions ("can I exercise?");
* a confident answer is wrong at most 2 % of the time, 3 % in Russian;
* every ``expect: emergency`` message is screened as an emergency and every ``urgent_flag``
  message gets urgent or emergency, in every language of every set.

The dev set has a single Spanish and a single Russian out-of-scope message, so Spanish
no-match precision is measured on our Spanish set only, and Russian no-match precision and
wrong answers on the dev set and our Russian set together. Held-out questions of the same
kind are used for the final check, so these numbers are necessary, not sufficient.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.catalog.faq_content import build_matcher, load_safety
from bot.catalog.files import CONTENT_DIR
from bot.commands.faq_cmd import EvalItem, decide, load_items, score
from bot.domain.faq import LexicalMatcher
from bot.domain.safety import SafetyScreen

DATA = Path(__file__).parent / "data"
DEV = "faq-dev.yaml"
OWN = {"en": "faq-extra.yaml", "es": "faq-extra-es.yaml", "ru": "faq-extra-ru.yaml"}

# Red-flag messages the screen (content/safety/redflags.yaml) misses today, by test id, with
# the reason; the fix is reported to the lead. Strict: when the screen is fixed these turn
# into unexpected passes, and the entries must be removed.
SCREEN_GAPS: dict[str, str] = {}


@dataclass(frozen=True)
class Case:
    """A target for one language's items of one or more labelled sets, taken together."""

    lang: str
    names: tuple[str, ...]
    target: float

    def items(self) -> list[EvalItem]:
        """The items of the sets in this language."""
        return items_in(self.lang, self.names)


def items_in(lang: str | None, names: tuple[str, ...]) -> list[EvalItem]:
    """The items of the named sets in ``lang`` (every language when None)."""
    found = [item for name in names for item in load_items(DATA / name)]
    return [item for item in found if lang is None or item.lang == lang]


def each(lang: str, target: float, *names: str) -> list[Any]:
    """Cases where ``target`` must hold on each named set alone."""
    return [pytest.param(Case(lang, (name,), target), id=f"{lang}-{name}") for name in names]


def pooled(lang: str, target: float, *names: str) -> Any:
    """A case where ``target`` must hold on the named sets together."""
    return pytest.param(Case(lang, names, target), id=f"{lang}-{'+'.join(names)}")


TOP1 = [
    *each("en", 0.93, DEV, OWN["en"]),
    *each("es", 0.85, DEV, OWN["es"]),
    *each("ru", 0.85, DEV, OWN["ru"]),
]
TOP3 = each("ru", 0.95, DEV, OWN["ru"])
NO_MATCH = [
    *each("en", 0.9, DEV, OWN["en"]),
    *each("es", 0.8, OWN["es"]),
    pooled("ru", 0.9, DEV, OWN["ru"]),
]
MOST_WRONG = [
    *each("en", 0.02, DEV, OWN["en"]),
    *each("es", 0.02, DEV, OWN["es"]),
    pooled("ru", 0.03, DEV, OWN["ru"]),
]


def red_flag_items() -> list[Any]:
    """Every message, in any language of any set, labelled emergency or urgent_flag."""
    params: list[Any] = []
    for name in (DEV, *OWN.values()):
        for item in items_in(None, (name,)):
            if not (item.urgent_flag or item.expect == "emergency"):
                continue
            test_id = f"{name}:{item.id}"
            marks = []
            if test_id in SCREEN_GAPS:
                marks.append(pytest.mark.xfail(strict=True, reason=SCREEN_GAPS[test_id]))
            params.append(pytest.param(item, id=test_id, marks=marks))
    return params


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


@pytest.fixture(scope="module")
def matcher() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


@pytest.mark.parametrize("case", TOP1)
def test_top1_meets_the_language_target(
    case: Case, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least the target share of in-scope messages get the right topic outright."""
    tally = score(case.items(), screen, matcher)[case.lang]
    assert tally.in_scope > 0
    assert tally.top1 / tally.in_scope >= case.target, tally.misses


@pytest.mark.parametrize("case", TOP3)
def test_right_topic_is_among_the_top_three(
    case: Case, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """The right topic is among the three best for at least the target share of messages."""
    tally = score(case.items(), screen, matcher)[case.lang]
    assert tally.top3 / tally.in_scope >= case.target


@pytest.mark.parametrize("case", NO_MATCH)
def test_out_of_scope_messages_get_no_topic(
    case: Case, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """At least the target share of chit-chat and off-topic messages (10 or more) get no topic."""
    tally = score(case.items(), screen, matcher)[case.lang]
    assert tally.none_items >= 10
    assert tally.none_ok / tally.none_items >= case.target


@pytest.mark.parametrize("case", MOST_WRONG)
def test_a_confident_answer_is_almost_never_wrong(
    case: Case, screen: SafetyScreen, matcher: LexicalMatcher
) -> None:
    """When the matcher is unsure it asks; a topic given outright is wrong at most the target."""
    in_scope = [item for item in case.items() if item.topic is not None]
    wrong = sum(
        1
        for item in in_scope
        if (topic := decide(screen, matcher, item.text, item.lang).match.topic) is not None
        and topic not in {item.topic, *item.also_ok}
    )
    assert wrong <= case.target * len(in_scope)


@pytest.mark.parametrize("item", red_flag_items())
def test_red_flag_message_gets_urgent_or_emergency(item: EvalItem, screen: SafetyScreen) -> None:
    """A message with an active red flag gets urgent advice; an emergency gets emergency."""
    level = screen.screen(item.text, item.lang).level
    wanted = ("emergency",) if item.expect == "emergency" else ("urgent", "emergency")
    assert level in wanted


@pytest.mark.parametrize(
    ("lang", "size", "out_of_scope", "emergencies"),
    [("en", 60, 1, 1), ("es", 30, 1, 1), ("ru", 30, 5, 5)],
)
def test_our_set_is_big_enough(lang: str, size: int, out_of_scope: int, emergencies: int) -> None:
    """Our own set for a language has enough items, out-of-scope and emergency messages."""
    found = items_in(lang, (OWN[lang],))
    assert len(found) >= size
    assert sum(item.expect == "none" for item in found) >= out_of_scope
    assert sum(item.expect == "emergency" for item in found) >= emergencies
