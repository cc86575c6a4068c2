"""Specification that a positive pregnancy test or a late period (possibly pregnant: the
reference's pregnancy rows) outweighs a pill or a period named beside it: "on the pill, now a
positive test and bleeding" is bleeding in pregnancy, and "on my period, 10 days late, bleeding
heavily with huge clots" is heavy bleeding (E1), whatever the stored stage. Without such words
the pill or the period still explains spotting."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize("status", [None, "not_pregnant"])
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("on the pill, now positive test and bleeding", "en"),
        ("i was on the pill but now i have a positive pregnancy test and spotting", "en"),
        ("tomo la píldora, ahora prueba positiva y sangrado", "es"),
        ("пью ок, теперь тест положительный и кровит", "ru"),
    ],
)
def test_a_positive_test_outweighs_the_pill(
    rules_only: SafetyScreen, text: str, lang: str, status: str | None
) -> None:
    """Bleeding beside a positive test is bleeding in pregnancy, a pill named or not."""
    assert rules_only.screen(text, lang, status).level in {"urgent", "emergency"}


@pytest.mark.parametrize("status", [None, "not_pregnant"])
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("on my period, 10 days late, bleeding heavily with huge clots", "en"),
        ("my period is 10 days late and i'm bleeding heavily with big clots", "en"),
        ("tengo la regla, 10 días de retraso, sangrado abundante con coágulos enormes", "es"),
        ("месячные, задержка 10 дней, сильное кровотечение с огромными сгустками", "ru"),
    ],
)
def test_heavy_bleeding_after_a_late_period_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str, status: str | None
) -> None:
    """Heavy bleeding with large clots after a late period gets the emergency call (E1)."""
    assert rules_only.screen(text, lang, status).level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("spotting since starting the pill 2 months ago", "en"),
        ("brown spotting at the end of my period", "en"),
        ("spotting on the pill, could i be pregnant?", "en"),
        ("manchado desde que empecé la píldora nueva hace un mes", "es"),
        ("мажет коричневым в конце месячных", "ru"),
    ],
)
def test_the_pill_or_a_period_still_explains_spotting(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Without a positive test or a late period, a pill or a period's end explains spotting."""
    assert rules_only.screen(text, lang).level is None
