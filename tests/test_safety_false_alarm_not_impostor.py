"""Specification of Spanish "false" said of an alarm, a test or contractions ("falsa alarma",
"falso positivo", "contracciones falsas"): no belief that the baby is an impostor (E11), while a
baby said to be fake or swapped still is."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "falsa alarma, se me rompió la fuente del salón",
        "falsa alarma, eran contracciones falsas",
        "la prueba dio un falso positivo, qué alivio",
    ],
)
def test_a_false_alarm_or_test_is_no_postpartum_psychosis(
    rules_only: SafetyScreen, text: str
) -> None:
    """Something false beside an article is no impostor baby."""
    assert "postpartum_psychosis" not in rules_only.screen(text, "es").crisis


@pytest.mark.parametrize(
    "text",
    [
        "dice que la bebé es falsa, que la cambiaron en el hospital",
        "cree que lo cambiaron, que es falso, no es su hijo",
    ],
)
def test_a_baby_said_to_be_fake_is_still_postpartum_psychosis(
    rules_only: SafetyScreen, text: str
) -> None:
    """A baby called fake or swapped is a belief of postpartum psychosis (E11), an emergency."""
    result = rules_only.screen(text, "es")
    assert "postpartum_psychosis" in result.crisis
    assert result.level == "emergency"
