"""Specification of heavy bleeding told with a sign of shock in other words ("white as a sheet",
"short of breath", "heart pounding", "el corazón a mil", "me falta el aire", "дышать тяжело",
"ноги подкашиваются", "me desvanezco"): an emergency (reference rows C4, P1, L1); and of those
words beside a normal period or with no bleeding at all."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("not pregnant, bleeding super heavy and i'm white as a sheet", "en"),
        ("period is insane, soaking through everything, heart pounding", "en"),
        ("flooding with my period and really short of breath", "en"),
        ("la regla me está empapando todo y el corazón me va a mil", "es"),
        ("regla abundantísima y me falta el aire", "es"),
        ("regla a lo bestia, me tuve que sentar en el suelo del baño", "es"),
        ("месячные льют, сердце колотится", "ru"),
        ("месячные хлещут, дышать тяжело", "ru"),
        ("mesyachnye lyut, ya blednaya, serdce kolotitsya", "ru"),
    ],
)
def test_a_heavy_period_with_a_sign_of_shock_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A very heavy period with pallor, breathlessness or a racing heart is C4, an emergency."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "very_heavy_bleeding_not_pregnant" in result.flags


@pytest.mark.parametrize(
    "text",
    [
        "perdí el embarazo ayer y ahora me desvanezco cuando me levanto, sigo sangrando",
        "sangro y me desvanecí en la ducha",
        "me desvanezco cuando me pongo de pie, sangrando",
    ],
)
def test_fainting_said_as_desvanecerse_is_an_emergency(rules_only: SafetyScreen, text: str) -> None:
    """'Me desvanezco' is fainting; with bleeding after a loss it is L1, an emergency."""
    assert rules_only.screen(text, "es").level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("white as a sheet after watching a horror film lol, period day 2 normal flow", "en"),
        ("short of breath climbing stairs at 30 weeks, no bleeding", "en"),
        ("la regla normal, el corazón a mil por la película de miedo", "es"),
        ("la esperanza se desvanece, otra vez negativo", "es"),
        ("месячные обычные, сердце колотится от кофе", "ru"),
    ],
)
def test_those_words_beside_a_normal_period_or_no_bleeding_are_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A racing heart from a film or coffee, breathlessness on stairs: no bleeding sign, no flag."""
    assert rules_only.screen(text, lang).level is None
