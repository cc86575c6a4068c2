"""Specification of a named day of a period ("heavy day of my period", "día fuerte de la
regla") as a cue that the writer is not pregnant: a grape-sized clot on it is a usual period
(C1); a pregnancy said beside it, or a period's last day weeks ago, keeps every pregnancy
red flag."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("heavy day of period, one clot about the size of a grape. otherwise normal cycle", "en"),
        ("heaviest day of my period and passed a clot the size of a grape, normal?", "en"),
        ("día fuerte de la regla, un coágulo como una uva, por lo demás normal", "es"),
        ("в обильный день месячных вышел сгусток с виноградину, цикл обычный", "ru"),
    ],
)
def test_a_clot_on_the_heavy_day_of_a_period_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A grape-sized clot on a period's heavy day is a usual period."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        (
            "heavy day of period but im 7 weeks pregnant, clot the size of a grape",
            "en",
            "emergency",
        ),
        (
            "last day of my period was 7 weeks ago, now bleeding heavily with clots",
            "en",
            "emergency",
        ),
        (
            "el último día de la regla fue hace 7 semanas y ahora sangro mucho con coágulos",
            "es",
            "emergency",
        ),
        (
            "heavy day of my period, soaking a pad every hour, clot the size of a plum",
            "en",
            "urgent",
        ),
        ("heavy day of my period, clots the size of a lemon and i feel faint", "en", "emergency"),
        (
            "día fuerte de la regla, empapo una compresa cada hora y coágulos como un limón",
            "es",
            "urgent",
        ),
    ],
)
def test_a_pregnancy_or_a_heavy_period_beside_it_still_fires(
    rules_only: SafetyScreen, text: str, lang: str, level: str
) -> None:
    """A pregnancy named beside the period, or the signs of a heavy period, keep their level."""
    assert rules_only.screen(text, lang).level == level
