"""Specification of three look-alikes found with the new cycle and stitches topics: clots on a
named day of a period (es, ru) are a cycle, not heavy bleeding in pregnancy; doubling up a pad
and a tampon is a heavy period (C2), not pain; sharp one-sided pain mid-cycle is ovulation pain
(C7); sore stitches after a birth are a wound (P4), not severe tummy pain. A bleed compared
with a period ("like on my period") is no cycle cue, and real red flags keep their level."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me salen coagulos el segundo dia de regla", "es"),
        ("coagulos el primer dia de la regla es normal?", "es"),
        ("почему при месячных выходят сгустки", "ru"),
    ],
)
def test_clots_on_a_named_day_of_a_period_are_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Clots on a day of a period the writer names, no size or faintness, flag nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("bleeding heavy like on my period", "en"),
        ("сильное кровотечение как во время месячных", "ru"),
        ("sangrado abundante como con la regla", "es"),
    ],
)
def test_heavy_bleeding_compared_with_a_period_stays_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A heavy bleed compared with a period is no cue of a cycle: stage unknown, it is E1."""
    assert rules_only.screen(text, lang).level == "emergency"


def test_doubling_up_a_pad_and_a_tampon_is_no_pain(rules_only: SafetyScreen) -> None:
    """Double protection on a period is a heavy period's sign, not 'doubled up' with pain."""
    assert rules_only.screen("i have to double up with a tampon and a pad", "en").level is None


def test_doubled_up_in_pain_still_fires(rules_only: SafetyScreen) -> None:
    """Doubled up in pain with a pad named is still severe pain."""
    result = rules_only.screen("doubled up in pain and my pad is full", "en")
    assert result.level == "emergency"


def test_sharp_one_sided_pain_mid_cycle_is_no_emergency(rules_only: SafetyScreen) -> None:
    """Sharp pain on one side mid-cycle is ovulation pain for a cycle tracker."""
    assert rules_only.screen("sharp pain on my right side mid cycle", "en").level is None


def test_sharp_one_sided_pain_with_the_stage_unknown_stays_an_emergency(
    rules_only: SafetyScreen,
) -> None:
    """With no cycle said and no stage known, sharp one-sided pain may be ectopic (E3)."""
    assert rules_only.screen("sharp pain on my right side", "en").level == "emergency"


def test_sharp_one_sided_pain_in_pregnancy_stays_an_emergency(rules_only: SafetyScreen) -> None:
    """A pregnant person's sharp one-sided pain is E3."""
    result = rules_only.screen("sharp pain on my left side", "en", "pregnant")
    assert result.level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("швы после родов сильно болят", "ru"),
        ("me duelen mucho los puntos de abajo tras dar a luz", "es"),
        ("my stitches hurt so much", "en"),
        ("stitches are killing me after birth", "en"),
        ("my tear hurts really bad", "en"),
    ],
)
def test_sore_stitches_after_a_birth_are_a_wound_not_severe_pain(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Stitches that hurt a lot after a birth are the wound row (urgent), not E4 pain."""
    result = rules_only.screen(text, lang, "postpartum")
    assert (result.level, result.flags) == ("urgent", ("wound_problem",))


@pytest.mark.parametrize(
    "text",
    ["i get a stitch when running and it hurts so much", "my stitches dont hurt much anymore"],
)
def test_a_runners_stitch_or_easing_stitches_are_no_wound(
    rules_only: SafetyScreen, text: str
) -> None:
    """A runner's stitch, or stitches said not to hurt much, are not the wound row."""
    assert "wound_problem" not in rules_only.screen(text, "en", "postpartum").flags


def test_tummy_pain_beside_sore_stitches_still_fires(rules_only: SafetyScreen) -> None:
    """Severe pain in the tummy named beside the stitches keeps severe pain."""
    result = rules_only.screen("сильно болит живот и швы", "ru", "postpartum")
    assert "severe_pain" in result.flags
