"""Specification of a sign the writer says is over (issue 14): a fever that broke or went down,
bleeding that stopped, is no red flag now. Negated ("hasn't stopped"), brought back ("again",
"started") or beside a sign of now, it still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my temperature finally went down last night, 30 weeks, what discharge is normal", "en"),
        ("the bleeding stopped on day 5 after the mc, when does cm come back", "en"),
        ("spotting has settled after the smear, 12 weeks", "en"),
        ("la fiebre ya bajó, 20 semanas, qué flujo es normal", "es"),
        ("el sangrado ya paró hace una semana, cuándo vuelve el flujo normal", "es"),
        ("por fin se me fue la fiebre de la gripe, el flujo está blanco", "es"),
        ("температура спала вчера, 20 недель, выделения белые", "ru"),
        ("кровотечение прекратилось неделю назад, какие выделения нормальны", "ru"),
        ("наконец температура после гриппа спала, выделения как обычно", "ru"),
    ],
)
def test_a_sign_said_to_be_over_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A fever that went down or bleeding that stopped, said as over, fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("fever went down but now 39 again, 30 weeks", "en"),
        ("the bleeding hasn't stopped since this morning, 12 weeks", "en"),
        ("bleeding stopped for a day and started again, heavy, 14 weeks", "en"),
        ("my fever broke and i have a bad headache and blurry vision, 34 weeks", "en"),
        ("la fiebre bajó pero ahora otra vez 39, 30 semanas", "es"),
        ("el sangrado no paró en toda la noche, 10 semanas", "es"),
        ("el sangrado paró y volvió a empezar muy fuerte, empapo compresas", "es"),
        ("температура спала, а сегодня опять 39, 25 недель", "ru"),
        ("кровь не остановилась, 12 недель, прокладка полная", "ru"),
        ("кровь остановилась, а потом пошла снова сильно, 10 недель", "ru"),
        ("температура 38 и плохо спала всю ночь, 20 недель", "ru"),
    ],
)
def test_a_sign_not_over_or_back_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A sign denied to be over, back again, or told beside a sign of now still fires."""
    assert rules_only.screen(text, lang).level is not None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("a month after the miscarriage, the bleeding stopped, when can we try again?", "en"),
        (
            "un mes después del aborto espontáneo, el sangrado paró, ¿cuándo intentarlo de nuevo?",
            "es",
        ),
        ("месяц после выкидыша, кровь закончилась, когда можно снова планировать?", "ru"),
    ],
)
def test_trying_again_after_a_loss_is_no_bleeding_back(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Bleeding over after a loss and a question when to try again fire nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("2 weeks after my miscarriage the bleeding had stopped but now it's heavy again", "en"),
        (
            "after my miscarriage the bleeding stopped, now bright red again, want to try again",
            "en",
        ),
        ("después del aborto el sangrado paró y volvió otra vez fuerte", "es"),
        ("после выкидыша кровь закончилась, а сейчас снова пошла сильно", "ru"),
    ],
)
def test_bleeding_back_after_a_loss_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Bleeding that comes back after a loss still fires, whatever else is asked."""
    assert rules_only.screen(text, lang).level is not None
