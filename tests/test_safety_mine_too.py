"""Specification of the writer's own waters told as "mine" after another woman's ("my cousin's
waters went last week, mine went too"): the other woman's waters are set apart, the writer's are
U2, in en, es and ru; hopes, denials and other things that "went" stay quiet."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my cousins waters went last week, mine went too this morning", "en"),
        ("my friends waters went at 37 weeks and mine just went now at 35", "en"),
        ("my sisters waters broke, mine have gone too i think", "en"),
        ("sisters waters broke at 34 and mine are leaking now", "en"),
        ("a mi hermana se le rompió la fuente y a mí también esta mañana", "es"),
        ("у сестры отошли воды, у меня тоже сегодня отошли", "ru"),
    ],
)
def test_her_own_waters_said_as_mine_after_another_womans_are_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Mine went too, after a relative's waters, is the writer's own waters breaking (U2)."""
    result = rules_only.screen(text, lang, "pregnant")
    assert result.level == "urgent"
    assert "fluid_leak_or_waters" in result.flags


@pytest.mark.parametrize(
    "text",
    [
        "my sisters waters broke at 36, hope mine hold on",
        "my sisters waters broke last night, mine havent gone yet",
        "my sisters baby came at 36, mine went to 42 weeks",
        "my phone broke, mine went in the bath",
    ],
)
def test_another_womans_waters_beside_a_hope_or_another_thing_stay_quiet(
    rules_only: SafetyScreen, text: str
) -> None:
    """A relative's waters beside a hope, a denial or another thing that "went" is no flag."""
    assert rules_only.screen(text, "en", "pregnant").level is None
