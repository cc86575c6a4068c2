"""Specification: saying in Russian that the baby needs another or a proper mother ("ребенку нужна
другая мама", "малышу нужна нормальная мать, а не я"), also told by a partner or in Latin letters,
is feeling unable to cope (M3, urgent), as "deserves a better mum" is in en and es, while another
formula, a nanny or a good mother who gets help stay quiet (rules only, so
content/safety/crisis.yaml carries it)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "ребенку нужна другая мама, не я",
        "малышу нужна нормальная мать, а не я",
        "дочке была бы лучше другая мама, я не справляюсь",
        "muzh govorit: zhena skazala chto rebenku nuzhna drugaja mama",
    ],
)
def test_another_mother_needed_is_urgent(rules_only: SafetyScreen, text: str) -> None:
    """The baby said to need another mother gets the urgent crisis reply."""
    result = rules_only.screen(text, "ru")
    assert (result.level, result.category) == ("urgent", "crisis")


@pytest.mark.parametrize(
    "text",
    [
        "ребенку нужна другая смесь, мама спрашивает какая",
        "ребёнку нужна мама рядом, а не другая няня",
        "сыну нужна хорошая мама, поэтому я хожу к психологу и мне лучше",
    ],
)
def test_other_needs_are_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """Another formula, a nanny or getting help gets no call to action."""
    assert rules_only.screen(text, "ru").level is None
