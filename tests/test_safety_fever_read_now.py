"""Specification of a temperature read now after a fever denied before it ("never had a fever
in my life, today 38.5"): the reading is a fever in pregnancy (U7) by the rules alone, whatever
was denied before it; a denied fever with no reading, a normal reading, or a decimal that is a
week, a weight or a BMI stays no fever."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("never had a fever in my life but today 38.6, 31 weeks", "en"),
        ("never had a temperature in my life but now 38.6", "en"),
        ("nunca tuve fiebre, hoy 38.5 y estoy de 30 semanas", "es"),
        ("no suelo tener fiebre pero ahora tengo 38,2", "es"),
        ("никогда не было температуры, а сегодня 38.4", "ru"),
        ("температуры не бывает, но сейчас 38,1", "ru"),
    ],
)
def test_a_temperature_read_now_fires_whatever_was_denied_before(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A decimal temperature from 38 read today or now is a fever in pregnancy (U7), even
    after a sentence that denied ever having one."""
    assert "fever_or_infection" in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no fever", "en"),
        ("no fever, measured 36.6 today", "en"),
        ("sin fiebre", "es"),
        ("sin fiebre, hoy 36,8", "es"),
        ("температуры нет", "ru"),
        ("температуры нет, сегодня 36,6", "ru"),
    ],
)
def test_a_denied_fever_without_a_high_reading_stays_denied(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A fever said to be absent, alone or with a normal reading, is no fever."""
    assert "fever_or_infection" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("now 38.5 weeks and feeling fine", "en"),
        ("my bmi is 38.5, is that a risk at 12 weeks", "en"),
        ("ya tengo 38,5 semanas y todo bien", "es"),
        ("сейчас 38,5 недель, всё хорошо", "ru"),
    ],
)
def test_a_decimal_that_is_a_week_or_a_bmi_is_no_temperature(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A decimal followed by weeks, or named a BMI, is no temperature reading."""
    assert "fever_or_infection" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("its 38.5 outside today, can i go for a walk at 30 weeks", "en"),
        ("hoy hace 38,5 en la calle, estoy de 30 semanas", "es"),
        ("сегодня на улице 38,5, 30 недель, можно гулять?", "ru"),
    ],
)
def test_a_reading_of_the_air_is_no_temperature(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A decimal beside the street, the shade or the weather is the air's heat, not a fever."""
    assert "fever_or_infection" not in rules_only.screen(text, lang).flags


def test_a_reading_under_38_is_no_fever_by_the_reading_alone(rules_only: SafetyScreen) -> None:
    """37.7 read now is under the 38 degrees a fever starts at: the reading alone fires nothing."""
    result = rules_only.screen("37.7 now, 33 weeks, feeling well otherwise", "en")
    assert "fever_or_infection" not in result.flags
