"""Specification of a crisis in Russian typed in Latin letters: tablets taken, a life to end,
a threat behind a locked door are read in Cyrillic like the same words typed so, and Latin-letter
Russian about everyday tablets, packs and doors stays quiet."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("vypila vsyu pachku snotvornogo", "overdose"),
        ("zakinulas tabletkami, vsyu upakovku", "overdose"),
        ("hochu pokonchit s soboy", "thoughts_of_harm"),
        ("pokonchu s soboi segodnya noch'yu", "thoughts_of_harm"),
        ("muzh grozitsya ubit, zaper dver", "abuse_danger"),
        ("on skazal ubyu, ya zaperlas v vannoi s malyshom", "abuse_danger"),
    ],
)
def test_a_crisis_typed_in_latin_letters_is_an_emergency(
    rules_only: SafetyScreen, text: str, reason: str
) -> None:
    """Russian crisis words in Latin letters make the message Russian and fire as in Cyrillic."""
    result = rules_only.screen(text, "ru")
    assert result.crisis_level == "emergency"
    assert reason in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "vypila tabletku ot golovy, vsyo proshlo",
        "kupila upakovku vitaminov, skolko pit v den?",
        "muzh zaper dver na noch, vse spyat",
        "luchshe zhizni ne byvaet, malysh spit",
        "pachka podguznikov zakonchilas, zachem ya ne kupila dve",
    ],
)
def test_everyday_latin_letter_russian_with_those_words_is_no_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """One tablet for a headache, a pack of vitamins, a door locked for the night are no crisis."""
    assert rules_only.screen(text, "ru").level is None
