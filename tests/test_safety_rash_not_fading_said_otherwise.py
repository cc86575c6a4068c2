"""Specification of a rash that does not fade, told in other words ("tiny red dots that dont go
when i press a glass on them", "manchitas que no se van al apretar con un vaso", "точечки не
бледнеют под стаканом"): with a fever, possible sepsis (E8), an emergency; and of spots that a
concealer hides, spotting that may come from a wound, or mosquito bites."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("fever and tiny red dots on her legs that dont go when i press a glass on them", "en"),
        ("temp 39 and spots that don't fade, feel awful", "en"),
        ("rash with fever, pressed a glass on it and i can still see the spots", "en"),
        ("tras la cesárea, fiebre altísima, manchitas que no se van al apretar con un vaso", "es"),
        ("tengo fiebre y unas manchitas rojas que no se van cuando aprieto", "es"),
        ("puntitos morados en las piernas que no se quitan con el vaso, 39 de fiebre", "es"),
        ("температура 39 и точечки на ногах не бледнеют под стаканом", "ru"),
        ("жар, красные точечки по телу, прижала стакан и их видно", "ru"),
        ("озноб и крапинки на руках, стаканом проверила, не исчезают", "ru"),
    ],
)
def test_a_rash_that_does_not_fade_with_a_fever_is_possible_sepsis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A non-fading rash (the glass test) with fever is E8: an emergency."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "possible_sepsis" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("spots on my face from the pregnancy, they dont go away with concealer", "en"),
        (
            "me hicieron cesárea hace 15 días, todavía mancho y no sé si es de la herida",
            "es",
        ),
        ("красные точки от комаров, проходят сами", "ru"),
    ],
)
def test_spots_a_concealer_hides_spotting_or_bites_are_no_sepsis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Spots that make-up hides, spotting after a caesarean, or bites are no sign of sepsis."""
    assert "possible_sepsis" not in rules_only.screen(text, lang).flags
