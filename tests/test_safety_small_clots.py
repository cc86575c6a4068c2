"""Specification of normal bleeding said plainly (issue 14, reference rows C1, N7): "clots
smaller than a coin" in a usual period, and spotting after a sweep, are no red flag. Big clots
beside them, or heavy bleeding told in other words, still fire."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("clots smaller than a coin on my heaviest day, normal for me", "en"),
        ("clots smaller than a pea on day 2, always like that", "en"),
        ("a few clots smaller than my fingernail at the start of my period", "en"),
        ("coágulos más pequeños que una moneda el segundo día de la regla, como siempre", "es"),
        ("unos coágulos chiquitos que un garbanzo al principio de la regla", "es"),
        ("coágulos menores que una lenteja en la regla, lo normal", "es"),
        ("сгустки меньше монетки во второй день месячных, как всегда", "ru"),
        ("пара сгустков мельче горошины в начале месячных", "ru"),
        ("сгустки меньше ногтя на второй день цикла", "ru"),
    ],
)
def test_clots_said_to_be_small_are_no_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Clots smaller than a coin, a pea or a fingernail fire nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("clots smaller than a coin but soaking through a pad every hour, 10 weeks", "en"),
        ("big clots and some smaller than a coin, heavy bleeding, 12 weeks", "en"),
        ("clots smaller than a golf ball and soaking a pad every hour", "en"),
        (
            "coágulos grandes como un limón y otros más pequeños que una moneda, mucho sangrado",
            "es",
        ),
        ("coágulos más pequeños que una moneda pero empapo una compresa cada hora", "es"),
        ("сгустки меньше монетки, но прокладка полная за час, 10 недель", "ru"),
        ("сгустки размером с яйцо и сильное кровотечение", "ru"),
    ],
)
def test_big_clots_or_heavy_bleeding_beside_small_ones_still_fire(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Big clots or heavy bleeding told beside small clots still fire."""
    assert rules_only.screen(text, lang).level is not None


@pytest.mark.parametrize(
    "text",
    [
        "just had my sweep, some light pink spotting since, 40+3",
        "had a sweep this morning, light brown spotting since, 40 weeks",
        "had a membrane sweep yesterday, pinkish spotting today, 40+1",
    ],
)
def test_spotting_after_a_sweep_is_no_red_flag(rules_only: SafetyScreen, text: str) -> None:
    """Spotting after a membrane sweep at term (reference row N7), a colour said first, fires
    nothing."""
    assert rules_only.screen(text, "en").level is None


@pytest.mark.parametrize(
    "text",
    [
        "had a sweep yesterday, now bright red bleeding soaking a pad, 40 weeks",
        "had a sweep 2 days ago and now heavy bleeding with clots, 40+2",
    ],
)
def test_heavy_bleeding_after_a_sweep_still_fires(rules_only: SafetyScreen, text: str) -> None:
    """Heavy bleeding after a sweep still fires."""
    assert rules_only.screen(text, "en").level is not None
