"""Specification that a message saying the writer is pregnant now (waters breaking, "I'm
pregnant") is screened for pregnancy red flags even when the stored stage is tracking a cycle
or after a loss, which may be stale; without such words, or after a birth, the stored stage
still decides."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize("status", ["after_loss", "not_pregnant"])
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my waters broke and the fluid is green", "en"),
        ("se me rompió la fuente y el líquido es verde", "es"),
        ("отошли воды зеленые", "ru"),
    ],
)
def test_waters_breaking_fires_whatever_the_stored_stage(
    rules_only: SafetyScreen, text: str, lang: str, status: str
) -> None:
    """Waters breaking is a red flag even for someone stored at a stage other than pregnancy."""
    assert "fluid_leak_or_waters" in rules_only.screen(text, lang, status=status).flags


@pytest.mark.parametrize("status", ["after_loss", "not_pregnant"])
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("im pregnant again and have some light spotting", "en"),
        ("estoy embarazada otra vez y tengo un poco de sangrado", "es"),
        ("я беременна снова и немного мажет кровью", "ru"),
    ],
)
def test_saying_i_am_pregnant_outweighs_a_stored_stage(
    rules_only: SafetyScreen, text: str, lang: str, status: str
) -> None:
    """Spotting from someone who says she is pregnant again is bleeding in pregnancy (U1)."""
    assert "bleeding_in_pregnancy" in rules_only.screen(text, lang, status=status).flags


def test_not_pregnant_keeps_the_stored_stage(rules_only: SafetyScreen) -> None:
    """'I'm not pregnant' says no such thing: a cycle tracker's light spotting stays no flag."""
    text = "im not pregnant, a bit of spotting mid cycle"
    assert rules_only.screen(text, "en", status="not_pregnant").level is None


def test_a_past_pregnancy_keeps_the_after_loss_stage(rules_only: SafetyScreen) -> None:
    """Bleeding easing after a loss is still read for that stage, not as pregnancy bleeding."""
    text = "lost my pregnancy 2 weeks ago, the bleeding is lighter every day"
    assert rules_only.screen(text, "en", status="after_loss").level is None


def test_after_a_birth_waters_breaking_is_the_birth_story(rules_only: SafetyScreen) -> None:
    """After a birth, 'my waters broke' tells the birth: lochia easing stays no red flag."""
    text = "my waters broke at home and she came fast, 10 days pp, bleeding lighter every day"
    assert rules_only.screen(text, "en", status="postpartum").level is None
