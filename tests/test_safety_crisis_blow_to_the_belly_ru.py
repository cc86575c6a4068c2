"""Specification of a blow to the pregnant belly told in Russian without naming who struck
("ударил ногой в живот", "пнул меня коленом в живот"): domestic abuse in immediate danger (M2);
and of the baby's kicks from inside or a child's kick at play."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "ударил ногой в живот, я на 20 неделе. сейчас спит",
        "пнул меня коленом в живот и ушёл",
        "вчера ударил кулаком по животу, 25 недель",
    ],
)
def test_a_blow_to_the_belly_is_abuse_in_immediate_danger(
    rules_only: SafetyScreen, text: str
) -> None:
    """A kick or a punch to the belly by someone unnamed is M2: emergency."""
    result = rules_only.screen(text, "ru")
    assert result.crisis_level == "emergency"
    assert "abuse_danger" in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "малыш ударил ногой в живот изнутри так что я подпрыгнула",
        "ребенок пнул ногой в живот когда играли",
    ],
)
def test_the_babys_kick_or_a_childs_at_play_is_no_abuse(
    rules_only: SafetyScreen, text: str
) -> None:
    """The baby kicking from inside, or a child at play, is no domestic abuse."""
    assert "abuse_danger" not in rules_only.screen(text, "ru").crisis
