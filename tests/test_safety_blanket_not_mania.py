"""Specification of 'manta' (a blanket) as a word of its own, never a misspelt 'mania': shade
from the sun under a blanket is no crisis; a thought of covering the baby's face, with no
reason of shade named, is a thought of harming the baby (M4); mania itself still fires (E11)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "le tapo la cara del sol con una manta fina en el paseo, está bien?",
        "taparle la cara del sol con una manta",
        "compré una manta para el cochecito, 2 semanas posparto",
        "quiero taparle la cara con una manta del frío, 2 semanas",
    ],
)
def test_a_blanket_for_shade_or_warmth_is_no_red_flag(rules_only: SafetyScreen, text: str) -> None:
    """A blanket against the sun or the cold is no crisis."""
    assert rules_only.screen(text, "es").level is None


@pytest.mark.parametrize(
    "text",
    [
        "tengo la idea de taparle la cara con una manta hasta que deje de respirar",
        "se me cruza la idea de taparle la cara con la mantita",
    ],
)
def test_a_thought_of_covering_the_face_is_a_thought_of_harm(
    rules_only: SafetyScreen, text: str
) -> None:
    """An unwanted thought of covering the baby's face gets the crisis reply."""
    assert rules_only.screen(text, "es").crisis == ("harm_to_baby_thoughts",)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mi esposa tiene manía, no duerme hace 3 días y dice que dios la eligió", "es"),
        ("creo que tengo mania, no necesito dormir, 2 semanas posparto", "es"),
        ("my wife has mania after the birth, not slept in 3 days", "en"),
    ],
)
def test_mania_still_fires(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Mania after a birth is still an emergency."""
    assert rules_only.screen(text, lang).level == "emergency"
