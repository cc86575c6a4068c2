"""Specification of harmless look-alikes of red flags seen in eval batch 16 (issue 14): a bump's
kicks called murderous, heavier periods with clots months after a birth, iron tablets kept from
a child, bleeding after a miscarriage that has nearly passed; and the pink after sex that is
spotting in pregnancy though the word is left out."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "the baby is literally trying to kill me with these kicks to the ribs 😂 34 weeks",
        "my periods since the baby are way heavier with clots, she's 8 months",
        "las reglas desde el parto son más abundantes con coágulos, el bebé tiene 7 meses",
        "месячные после родов стали обильнее со сгустками, малышу 8 месяцев",
        "как хранить таблетки железа чтобы ребёнок не достал",
        "как спрятать таблетки, чтоб малыш не нашел",
        "выкидыш был 2 недели назад, кровь почти прошла, боли уменьшаются",
    ],
)
def test_an_everyday_lookalike_fires_nothing(rules_only: SafetyScreen, text: str) -> None:
    """Kicks, periods back after a birth, medicines kept away or bleeding easing: no red flag."""
    assert rules_only.screen(text).level is None


def test_a_child_who_got_to_tablets_kept_away_is_still_poisoning(rules_only: SafetyScreen) -> None:
    """Tablets put away 'so the child can't reach them' and reached all the same are M1."""
    text = "убрала таблетки чтобы ребенок не достал, но он достал и съел несколько"
    assert "child_poisoning" in rules_only.screen(text).crisis


def test_bleeding_back_after_it_had_nearly_passed_is_still_flagged(
    rules_only: SafetyScreen,
) -> None:
    """'Почти прошла и снова пошла сильнее' after a loss is L2 (urgent)."""
    text = "кровь почти прошла и снова пошла сильнее"
    assert rules_only.screen(text, status="after_loss").level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "light pink after sex, 22 wks, no pain",
        "bit of brown after sex last night 18 weeks",
        "rosado después de tener relaciones, 22 semanas",
        "розовое после секса, 22 недели",
    ],
)
def test_pink_or_brown_after_sex_in_pregnancy_is_spotting(
    rules_only: SafetyScreen, text: str
) -> None:
    """A colour after sex in pregnancy is spotting to be checked today (U1)."""
    result = rules_only.screen(text)
    assert result.level == "urgent"
    assert "bleeding_in_pregnancy" in result.flags


def test_red_wine_after_sex_is_no_spotting(rules_only: SafetyScreen) -> None:
    """Red wine named after sex is a drink, not a colour of loss."""
    assert (
        rules_only.screen("red wine after sex lol is that ok at 22 weeks", status="pregnant").level
        is None
    )
