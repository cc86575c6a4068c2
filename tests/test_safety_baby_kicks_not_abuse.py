"""Specification that a baby's kicks from inside are no domestic abuse: kicks at the ribs, the
bladder or the cervix, or "kicking lower now", get no crisis reply, while a person who kicks, or
a partner named beside the same words, still does."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("used to kick my ribs, now he kicks lower", "en"),
        ("she kicks my bladder all night", "en"),
        ("he keeps kicking my cervix, so painful", "en"),
        ("kicking me in the bladder right now lol", "en"),
        ("antes me pateaba las costillas, ahora patea más abajo", "es"),
        ("me patea la vejiga toda la noche", "es"),
        ("раньше пинал в рёбра, теперь пинается ниже", "ru"),
        ("пинает меня в мочевой пузырь всю ночь", "ru"),
    ],
)
def test_a_babys_kicks_from_inside_are_no_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Kicks at a place a baby kicks from inside, or lower than before, get no crisis reply."""
    assert rules_only.screen(text, lang).category is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("he kicked me in the ribs", "en"),
        ("he kicked my ribs", "en"),
        ("my husband kicks my ribs every night", "en"),
        ("my boyfriend kicked me in the bladder", "en"),
        ("mi marido me pateó las costillas", "es"),
        ("mi pareja me patea la vejiga", "es"),
        ("муж пнул меня в рёбра", "ru"),
        ("муж пинает меня в мочевой пузырь", "ru"),
    ],
)
def test_a_person_who_kicks_still_gets_the_abuse_reply(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A person kicking the writer, or a partner named beside a baby's places, is abuse now."""
    result = rules_only.screen(text, lang)
    assert "abuse_danger" in result.crisis
    assert result.level == "emergency"
