"""Specification of idioms that are no threat and no collapse (issue 14): someone who is no
partner "is going to kill me" (a boss, a mother-in-law), a match lost ("nos dieron una paliza"),
a partner who nearly fainted at the scan. A threat or a sign told in other words beside them, or
the same words of a partner, still fire."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my mother in law will kill me if we don't use her name", "en"),
        ("my sister is gonna kill me i lost her maternity jeans", "en"),
        ("my manager is going to kill me, i missed the deadline for the scan", "en"),
        ("my partner nearly fainted at the birth class when they showed the video", "en"),
        ("mi jefe me va a matar, llegué tarde por la eco", "es"),
        ("mi madre me mata si se entera del tatuaje", "es"),
        ("el clásico fue un desastre, nos metieron una goleada en el partido", "es"),
        ("mi pareja casi se desmaya en la eco cuando vio el latido", "es"),
        ("начальница меня убьёт, я забыла про совещание", "ru"),
        ("мама меня убьёт, я разбила её вазу", "ru"),
        ("партнёр чуть не упал в обморок на узи", "ru"),
    ],
)
def test_an_idiom_of_someone_else_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """An idiom of a boss, a relative or a lost match, or a partner's near-faint, fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my husband is going to kill me, he said so with a knife", "en"),
        ("my mum is going to kill me, she hit me last night and i'm scared to go home", "en"),
        ("my boss is going to kill me and he has a gun, he is outside the door", "en"),
        ("my partner says i nearly fainted in the shower, 30 weeks", "en"),
        ("mi marido me va a matar, tiene un cuchillo", "es"),
        ("mi suegro me va a matar, me amenazó con un cuchillo", "es"),
        ("mi marido vio el partido y me dio una paliza", "es"),
        ("mi pareja dice que casi me desmayo en la ducha, 30 semanas", "es"),
        ("муж меня убьёт, он сказал что зарежет", "ru"),
        ("отец меня убьёт, он угрожает ножом", "ru"),
        ("свекровь меня убьёт, муж держит нож у горла", "ru"),
        ("партнёр говорит что я чуть не упала в обморок в душе", "ru"),
    ],
)
def test_a_threat_or_sign_beside_an_idiom_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A partner's threat, a weapon, a blow or the writer's own faint still fires."""
    assert rules_only.screen(text, lang).level is not None
