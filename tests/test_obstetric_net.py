"""Specification of the meaning-based obstetric red-flag screen: asked only when no rule fired,
it adds an urgent or emergency verdict, never lowers a rule's level, adds nothing beside a
crisis verdict and is quietened by the same doubts as the crisis screen."""

from __future__ import annotations

import pytest

from bot.catalog.crisis_net import OBSTETRIC_NET_REASONS, load_obstetric_net
from bot.catalog.faq_content import load_safety
from bot.catalog.files import CONTENT_DIR
from bot.commands import obstetric_net_train
from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import count_encodings, with_nets

#: Sure enough for an ordinary message, below the doubt threshold (0.97).
USUAL = 0.96


def _with_nets(
    rules_only: SafetyScreen,
    obstetric: SemanticVerdict | None,
    crisis: SemanticVerdict | None = None,
) -> SafetyScreen:
    """The rules with stand-in screens that give these verdicts to every text."""
    return with_nets(rules_only, crisis, obstetric)


EMERGENCY = SemanticVerdict("birth_imminent", "emergency", USUAL)
URGENT = SemanticVerdict("reduced_fetal_movements", "urgent", USUAL)
UNLISTED = "the bump has been so still all evening, 31 weeks"


def test_the_content_ships_a_trained_obstetric_screen() -> None:
    """The bot's safety screen has the obstetric screen behind its rules."""
    assert load_safety(CONTENT_DIR).obstetric_semantic is not None


def test_every_row_gives_a_reason_the_rules_give() -> None:
    """Each triage row's reason is one the obstetric rules reply with."""
    reasons = set(load_safety(CONTENT_DIR).reasons)
    assert {reason for reason, _ in obstetric_net_train.ROW_VERDICTS.values()} <= reasons
    assert set(OBSTETRIC_NET_REASONS) <= reasons


@pytest.mark.parametrize("verdict", [EMERGENCY, URGENT])
def test_adds_its_level_where_no_rule_fired(
    rules_only: SafetyScreen, verdict: SemanticVerdict
) -> None:
    """A message no rule flags gets the screen's level and reason as an obstetric red flag."""
    assert rules_only.screen(UNLISTED).level is None
    result = _with_nets(rules_only, verdict).screen(UNLISTED)
    assert (result.level, result.flags, result.category) == (
        verdict.level,
        (verdict.reason,),
        "obstetric",
    )


def test_never_lowers_a_rule_level(rules_only: SafetyScreen) -> None:
    """Beside a rule's emergency, an urgent verdict changes nothing."""
    text = "i'm 38 weeks and i can see the cord hanging out"
    before = rules_only.screen(text)
    assert before.level == "emergency"
    assert _with_nets(rules_only, URGENT).screen(text) == before


def test_adds_nothing_beside_an_obstetric_rule(rules_only: SafetyScreen) -> None:
    """Where an urgent rule fired, an emergency verdict adds neither a level nor a reason."""
    text = "bit of pink spotting when i wiped, 9 weeks"
    before = rules_only.screen(text)
    assert before.level == "urgent"
    assert _with_nets(rules_only, EMERGENCY).screen(text) == before


def test_adds_nothing_after_a_crisis_rule(rules_only: SafetyScreen) -> None:
    """A text a crisis rule flagged gets no obstetric verdict beside the crisis."""
    text = "i want to kill myself"
    before = rules_only.screen(text)
    assert before.crisis
    assert _with_nets(rules_only, EMERGENCY).screen(text) == before


def test_adds_nothing_after_the_crisis_screen(rules_only: SafetyScreen) -> None:
    """A crisis only the meaning-based crisis screen saw gets no obstetric verdict beside it."""
    crisis = SemanticVerdict("cannot_cope", "urgent", USUAL)
    result = _with_nets(rules_only, EMERGENCY, crisis).screen(UNLISTED)
    assert (result.flags, result.obstetric_level) == (("cannot_cope",), None)


def test_light_tone_needs_more_certainty(rules_only: SafetyScreen) -> None:
    """In a joking message the verdict is heeded only at the doubt threshold, as a crisis's."""
    text = "lol the baby has been so still all evening, 31 weeks"
    assert _with_nets(rules_only, URGENT).screen(text).level is None
    sure = SemanticVerdict("reduced_fetal_movements", "urgent", 0.99)
    assert _with_nets(rules_only, sure).screen(text).level == "urgent"


def test_training_refuses_held_out_sets() -> None:
    """The trainer exits with usage when a held-out set is passed: those judge the screen."""
    assert obstetric_net_train.main(["tests/data/safety-heldout.yaml"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "what does stretchy egg white mucus mean for ovulation",
        "how long does discharge last after my period usually",
    ],
)
def test_an_everyday_question_gets_no_red_flag(text: str) -> None:
    """The trained screen leaves an ordinary question about mucus alone."""
    net = load_obstetric_net(CONTENT_DIR)
    assert net is not None
    assert net(text) is None


def test_a_text_is_encoded_once_for_both_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """The obstetric screen reuses the crisis screen's embedding of the same text."""
    encoded = count_encodings(monkeypatch)
    text = "we painted the nursery yellow this weekend, it looks lovely"
    assert load_safety(CONTENT_DIR).screen(text).level is None
    assert encoded == [[text]]


SURE_BUT_NOT_ALL = SemanticVerdict("severe_pain", "emergency", 0.99)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("tummy rock hard, no blood and no pain", "en"),
        ("belly hard as a rock, 34 weeks, no bleeding, not painful, baby moving", "en"),
        ("la barriga se pone dura, sin dolor y sin sangrado", "es"),
        ("живот каменный, без боли, крови нет", "ru"),
    ],
)
def test_danger_signs_denied_need_near_certainty(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Where no rule fired and the message denies pain and bleeding, a verdict short of
    near-certainty is not heeded."""
    assert rules_only.screen(text, lang).level is None
    assert _with_nets(rules_only, SURE_BUT_NOT_ALL).screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no blood, no pain, but something feels really wrong", "en"),
        ("belly rock hard, no pain, it has not gone soft for an hour now", "en"),
        ("sin dolor pero me siento muy mal", "es"),
        ("без боли, но живот не расслабляется уже час", "ru"),
    ],
)
def test_a_danger_brought_back_keeps_the_verdict(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A denial beside a word that brings a danger back ("but", "now") leaves the verdict of a
    message no rule flags standing."""
    assert rules_only.screen(text, lang).level is None
    result = _with_nets(rules_only, SURE_BUT_NOT_ALL).screen(text, lang)
    assert result.level == "emergency"
