"""Specification of sudden one-sided pain in early pregnancy told by what it does to the body
("pain so bad i'm on all fours", "doubled over", "me tiene a gatas", "скрючило", "на
четвереньках"): possible ectopic pregnancy, E3, an emergency; and of mild twinges, a doubled
dose or a positive covid test."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("preg test positive, pain so bad on my left i'm on all fours, shoulder pain", "en"),
        ("bfp last week, doubled over with pain on my right side", "en"),
        ("missed period and the worst pain ever low on the left", "en"),
        ("positivo y un dolor en el lado izquierdo que me tiene a gatas", "es"),
        ("prueba positiva y estoy doblada del dolor en el lado derecho", "es"),
        ("tengo un retraso y un dolor fortísimo en el costado derecho", "es"),
        ("тест положительный, боль справа такая что стою на четвереньках", "ru"),
        ("задержка, слева скрючило от боли, отдает в плечо", "ru"),
        ("две полоски, боль слева невыносимая", "ru"),
    ],
)
def test_one_sided_pain_that_fells_her_in_early_pregnancy_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Severe one-sided pain with a positive test or a late period is E3: an emergency."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "severe_pain" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("doubled my folic acid after the positive test, left side fine", "en"),
        ("worst hangover on the left side of my head lol, test positive for covid", "en"),
        ("positivo y molestias leves en el lado izquierdo", "es"),
        ("тест положительный, слева немного тянет", "ru"),
    ],
)
def test_mild_twinges_a_doubled_dose_or_covid_are_no_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A mild pull, a doubled vitamin or a covid test is no sudden severe pain."""
    assert "severe_pain" not in rules_only.screen(text, lang).flags
