"""Specification of signs denied in a list ("no discharge or fever", "sin flujo ni fiebre",
"температуры нет"): a negation reaches each sign the list joins with "or", and a temperature said
to be absent is no fever; a sign joined by "and" or "but", or said apart, still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("25 weeks, a bit more white discharge than usual, no itching or fever", "en"),
        ("not pregnant, a dull ache low down since yesterday, no smell or fever", "en"),
        ("18 semanas, más flujo blanco, sin picor ni fiebre", "es"),
        ("22 semanas, un poco de flujo, no tengo dolor o fiebre", "es"),
        ("20 недель, выделений стало больше, температуры нет", "ru"),
        ("24 недели, белые выделения, без зуда или температуры", "ru"),
    ],
)
def test_a_fever_denied_in_a_list_is_no_fever(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A temperature said to be absent, alone or last in a list of denied signs, is no fever."""
    assert "fever_or_infection" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("27 weeks, no discharge and a fever of 38.4 since lunch", "en"),
        ("no pain but a fever and shivers, 30 weeks", "en"),
        ("no discharge or pain, fever since last night, 19 weeks", "en"),
        ("sin dolor pero con fiebre desde anoche, 26 semanas", "es"),
        ("боли нет, но температура 38, 29 недель", "ru"),
    ],
)
def test_a_fever_said_beside_a_denied_sign_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A fever joined to a denied sign by 'and' or 'but', or said in its own clause, is a fever
    in pregnancy (U7)."""
    assert "fever_or_infection" in rules_only.screen(text, lang).flags


def test_a_list_joined_by_and_denies_only_its_first_sign(rules_only: SafetyScreen) -> None:
    """'No pain and bleeding a lot': 'and' carries no denial over, the bleeding stands (E1)."""
    result = rules_only.screen("16 weeks, no pain and bleeding a lot, soaking pads", "en")
    assert result.level == "emergency"


def test_a_question_whether_it_is_one_sign_or_another_denies_neither(
    rules_only: SafetyScreen,
) -> None:
    """'Not sure if it is discharge or waters': the 'or' joins two guesses, not two denials."""
    result = rules_only.screen("32 weeks, not sure if its discharge or my waters leaking", "en")
    assert "fluid_leak_or_waters" in result.flags
