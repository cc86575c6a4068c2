"""Specification of the meaning-based crisis screen behind the crisis rules."""

from __future__ import annotations

import json
import threading
from typing import Any

import numpy as np
import pytest

from bot.catalog import crisis_net
from bot.catalog.crisis_net import CRISIS_NET_FILE, CrisisNet, load_crisis_net, parse_crisis_net
from bot.catalog.faq_content import load_safety, safety_data
from bot.catalog.files import CONTENT_DIR, ContentError
from bot.commands import crisis_net_train
from bot.domain.safety import SafetyScreen, SemanticVerdict, build_screen
from tests.support.hang_guard import PROCESS_GUARD


@pytest.fixture(scope="module")
def net() -> CrisisNet:
    found = load_crisis_net(CONTENT_DIR)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


def _rules_with(semantic: Any) -> SafetyScreen:
    return build_screen(safety_data(CONTENT_DIR), semantic=semantic)


def test_the_content_ships_a_trained_crisis_screen(screen: SafetyScreen) -> None:
    """The bot's safety screen has the meaning-based crisis screen behind its rules."""
    assert screen.semantic is not None


UNLISTED_CRISES = [
    "i have given my sister the passwords and the babys things, she will look after her from now",
    "me tome todo lo que habia en el botiquin y ahora tengo mucho sueño",
    "he said if i tell anyone he will make sure i never see my son again",
]


@pytest.mark.parametrize("text", UNLISTED_CRISES)
def test_a_crisis_in_words_no_rule_lists_is_caught(screen: SafetyScreen, text: str) -> None:
    """Final arrangements, an overdose and a threat in words no rule lists are a crisis."""
    assert _rules_with(None).screen(text, None).crisis == ()
    assert screen.screen(text, None).crisis


def test_an_everyday_question_gets_no_crisis(net: CrisisNet) -> None:
    """An ordinary question about mucus is not weighed as a crisis."""
    assert net("what does stretchy egg white mucus mean for ovulation") is None


def test_a_number_typed_at_a_prompt_is_never_weighed(net: CrisisNet) -> None:
    """A text of fewer than three words (a week number, a date, a city) is left to the rules."""
    assert net("26") is None


def test_a_semantic_verdict_adds_a_crisis_when_no_rule_fired() -> None:
    """When no crisis rule fired, the screen's verdict becomes the crisis reason and level."""
    screen = _rules_with(lambda text: SemanticVerdict("cannot_cope", "urgent"))
    result = screen.screen("what colour should discharge be", "en")
    assert (result.crisis, result.crisis_level) == (("cannot_cope",), "urgent")
    assert result.level == "urgent"


def test_the_semantic_screen_never_takes_a_rule_crisis_away() -> None:
    """A crisis rule's verdict stands whatever the meaning-based screen would say."""
    asked: list[str] = []

    def never(text: str) -> SemanticVerdict | None:
        asked.append(text)
        return None

    result = _rules_with(never).screen("i want to kill myself", "en")
    assert result.crisis and asked == []


def test_a_semantic_crisis_keeps_the_higher_obstetric_level() -> None:
    """An urgent crisis verdict beside an emergency red flag leaves the level at emergency."""
    screen = _rules_with(lambda text: SemanticVerdict("cannot_cope", "urgent"))
    result = screen.screen("bleeding heavily and soaking pads, 10 weeks", "en")
    assert result.level == "emergency" and result.crisis == ("cannot_cope",)


def test_a_trained_file_with_an_unknown_reason_is_refused(tmp_path: Any) -> None:
    """The crisis screen's file may only name crisis reasons the crisis reply has words for."""
    raw = json.loads((CONTENT_DIR / CRISIS_NET_FILE).read_text(encoding="utf-8"))
    first = raw["rows"][0]
    raw["verdicts"][first]["reason"] = "something_else"
    with pytest.raises(ContentError):
        parse_crisis_net(raw)


def test_training_refuses_held_out_sets() -> None:
    """The trainer exits with usage when a held-out set is passed: those judge the screen."""
    assert crisis_net_train.main(["tests/data/safety-heldout.yaml"]) == 2


def test_leave_one_out_never_scores_a_file_with_a_screen_trained_on_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each file is scored by a screen trained only on the other files."""
    items = [
        crisis_net_train.Item(f"{source}-{n}", "en", f"message {n}", expect, category, row, source)
        for source in ("a.yaml", "b.yaml", "c.yaml")
        for n, (expect, category, row) in enumerate(
            [("urgent", "crisis", "M3"), ("none", None, "lookalike")]
        )
    ]
    trained_on: list[set[str]] = []
    real_train = crisis_net_train.train_on

    def spy(chosen: list[crisis_net_train.Item], vectors: Any) -> dict[str, object]:
        trained_on.append({item.source for item in chosen})
        return real_train(chosen, vectors)

    rng = np.random.default_rng(0)
    monkeypatch.setattr(
        crisis_net_train, "embed", lambda texts: rng.normal(size=(len(texts), 8)).astype("f4")
    )
    monkeypatch.setattr(crisis_net_train, "train_on", spy)
    scores = crisis_net_train.leave_one_out(items)
    assert list(scores) == ["a.yaml", "b.yaml", "c.yaml"]
    assert trained_on == [{"b.yaml", "c.yaml"}, {"a.yaml", "c.yaml"}, {"a.yaml", "b.yaml"}]
    assert all(tally["crisis"][1] == 1 and tally["none"][1] == 1 for tally in scores.values())


def test_interpreter_shutdown_waits_for_the_encoder_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """The background encoder load runs in a non-daemon thread: a chat that quits mid-load waits
    for it instead of aborting (SIGABRT) at interpreter shutdown."""
    seen: list[bool] = []
    done = threading.Event()

    def record_thread() -> None:
        seen.append(threading.current_thread().daemon)
        done.set()

    monkeypatch.setattr(crisis_net, "_encoder", record_thread)
    crisis_net.load_in_background()
    assert done.wait(PROCESS_GUARD)
    assert seen == [False]
