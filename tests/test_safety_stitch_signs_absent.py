"""Specification of stitches with a sign said to be absent ("no smell from the stitches", "sin
olor", "шов без запаха"): no cervical-stitch red flag (U10), while any other sign beside the
stitch, even one said after a denied sign, still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no smell from the stitches", "en"),
        ("the stitches dont smell", "en"),
        ("sin olor en los puntos", "es"),
        ("шов без запаха", "ru"),
    ],
)
def test_stitches_with_no_smell_are_no_stitch_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Stitches whose smell is denied give no cervical-stitch red flag."""
    assert "stitch_with_symptoms" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my stitch smells bad", "en"),
        ("los puntos tienen olor feo", "es"),
        ("у меня шов на шейке и тянет живот", "ru"),
    ],
)
def test_a_stitch_with_a_sign_still_is_a_stitch_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A cervical stitch with a sign is still urgent (U10)."""
    result = rules_only.screen(text, lang, "pregnant")
    assert "stitch_with_symptoms" in result.flags
    assert result.level == "urgent"


def test_a_sign_after_a_denied_sign_still_is_a_stitch_red_flag(rules_only: SafetyScreen) -> None:
    """'Cervical stitch in, no bleeding but cramping' still fires on the cramping (U10)."""
    result = rules_only.screen("cervical stitch in, no bleeding but cramping a lot", "en")
    assert "stitch_with_symptoms" in result.flags


def test_a_wound_sign_after_a_denied_sign_still_is_a_wound_problem(
    rules_only: SafetyScreen,
) -> None:
    """'Wound, no smell but red and hot' still is a wound problem (P4) on the redness."""
    result = rules_only.screen("c section wound, no smell but red and hot", "en", "postpartum")
    assert "wound_problem" in result.flags


def test_a_no_that_corrects_the_word_for_the_stitch_still_is_a_stitch_red_flag(
    rules_only: SafetyScreen,
) -> None:
    """'Пессарий... нет, швы на шейке' corrects the word, it denies no sign: U10 still fires."""
    text = "стоит пессарий... нет, швы на шейке, и начались спазмы и выделения с запахом"
    assert "stitch_with_symptoms" in rules_only.screen(text, "ru").flags
