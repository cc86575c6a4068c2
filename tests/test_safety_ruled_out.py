"""Specification of a sign the writer only thought she had (issue 14): "thought my waters broke,
it was just wee, all good", "creí que sangraba, falsa alarma", "думала что подтекают воды,
просто выделения" is no red flag. Without words that it was ruled out, confirmed, or going on,
it still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("thought my waters broke last night, it was just wee, all good now", "en"),
        ("i thought i was bleeding but it was just the red juice, false alarm", "en"),
        ("worried that my waters went, it was just discharge, everything fine", "en"),
        ("pensé que había roto aguas, resultó ser pipí, todo bien", "es"),
        ("creí que sangraba pero era el tinte del tampón, falsa alarma", "es"),
        ("pensé que se me rompía la fuente, solo era flujo, todo bien", "es"),
        ("показалось что пошла кровь, оказалось это от свеклы, ложная тревога", "ru"),
        ("думала что отошли воды, оказалось моча, всё хорошо", "ru"),
        ("думала что подтекают воды, просто выделения, всё ок", "ru"),
    ],
)
def test_a_sign_ruled_out_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A sign the writer thought she had, said to be nothing after all, fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("thought my waters broke and now it is still leaking constantly, 35 weeks", "en"),
        ("thought it was discharge, all good i guess, but now it's bright red blood", "en"),
        ("thought my waters broke, midwife checked and said yes they have, 30 weeks", "en"),
        ("thought my waters broke, turned out they had, 30 weeks", "en"),
        ("pensé que era flujo pero sigue saliendo líquido, 34 semanas", "es"),
        ("creí que era normal pero ahora sangro mucho, todo bien?", "es"),
        ("pensé que había roto aguas y resultó que sí, 35 semanas", "es"),
        ("думала что кровь остановилась, а сейчас опять сильно, всё ок?", "ru"),
        ("думала что отошли воды, оказалось что да, 36 недель", "ru"),
        ("думала что это выделения, но кровь идёт сильно, 12 недель", "ru"),
    ],
)
def test_a_sign_not_ruled_out_still_fires(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A sign confirmed, going on, or told after the story still fires."""
    assert rules_only.screen(text, lang).level is not None
