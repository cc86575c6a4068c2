"""Specification: a stock of medicine kept for the day one cannot go on ("tengo guardadas las
pastillas para cuando ya no pueda más", "saving up my sertraline for when i can't take it
anymore") and a goodbye told as "don't look for me" beside words of farewell or of the child's
care ("no me busquen, cuiden a mi hijo", "не ищите меня, малыша заберёт свекровь") are a plan to
end one's life (E11, emergency) in en, es and ru, while medicines kept for a birth or in a
kitchen and "don't look for me" at a party or in a chat stay quiet (rules only, so
content/safety/crisis.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i've been saving up my sertraline for when i can't take it anymore", "en"),
        ("please don't try to find me. take care of the kids for me", "en"),
        ("don't look for me. mum will take the baby, everything is sorted", "en"),
        ("llevo meses juntando los calmantes de mi suegra, para el día que ya no aguante", "es"),
        ("perdónenme, no me busquen, cuiden a mi hijo", "es"),
        ("припрятала снотворное на тот день, когда совсем не будет сил", "ru"),
        ("простите меня. не ищите, малыша заберёт свекровь", "ru"),
    ],
)
def test_a_stockpile_or_a_goodbye_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A stock of medicine kept for the end, or a goodbye, gets the emergency crisis reply."""
    result = rules_only.screen(text, lang)
    assert (result.level, result.category) == ("emergency", "crisis")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i'm saving my codeine for after the c-section", "en"),
        ("dont look for me at the party, i'll be late because of the baby's nap", "en"),
        ("dont come looking for me in the kitchen, im making dinner for the kids", "en"),
        ("tengo guardadas las pastillas del hierro en la cocina, ¿se toman con zumo?", "es"),
        ("no me busquen en la oficina mañana, estaré en la eco", "es"),
        ("не ищите меня в чате, я в декрете, всё хорошо", "ru"),
    ],
)
def test_medicines_kept_or_an_everyday_absence_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Medicines kept for a plain use, or being away for a while, get no call to action."""
    assert rules_only.screen(text, lang).level is None
