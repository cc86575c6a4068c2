"""Specification of water from the house told beside a pregnancy week: a leaking pipe, a flooded
bathroom, the neighbours' water down the wall (``household_water`` in ``net_doubts``), a drink
spilt and the bed linen to change, a baby bath that broke, everyone's joke that her waters went,
and a fright taken back ("thinking my waters went. they didnt"). None is a leak of waters (U2).
Waters named outright keep the alarm wherever she was ("se me rompió la fuente en el inodoro"),
and so does water from her body told beside a household leak."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: How sure the meaning-based obstetric screen was of a leak of waters in "the pipe under the
#: sink is leaking and i'm 36 weeks".
PIPE = 0.985


def _with_net(rules_only: SafetyScreen) -> SafetyScreen:
    """The bot's screen with an obstetric screen that calls every text a leak of waters."""
    verdict = SemanticVerdict("fluid_leak_or_waters", "urgent", PIPE)
    return with_nets(rules_only, obstetric=verdict)


@pytest.mark.parametrize(
    "text",
    [
        "the pipe under the sink is leaking and i'm 36 weeks and done with this week",
        "our upstairs neighbours flooded the bathroom, water dripping from the ceiling, 35 weeks",
        "se rompió la tubería del baño y está todo mojado, y yo con 36 semanas",
        "у нас трубу прорвало под раковиной, а я на 36 неделе, ну и неделька",
    ],
)
def test_water_from_the_house_is_no_leak_of_waters(rules_only: SafetyScreen, text: str) -> None:
    """A pipe, a ceiling or the neighbours' water beside a week is not the net's leak."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "neighbours flooded us again, 36 weeks, and now theres a smell",
        "los vecinos nos inundaron, 36 semanas, y ahora huele raro",
        "соседи затопили, 36 недель, и теперь какой-то запах",
    ],
)
def test_a_smell_beside_the_household_water_keeps_the_net_alarm(
    rules_only: SafetyScreen, text: str
) -> None:
    """A smell told beside the household water keeps the net's alarm though no rule fires."""
    assert rules_only.screen(text).level is None
    assert _with_net(rules_only).screen(text).level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("кот опрокинул стакан воды на кровать, опять менять белье", "ru"),
        ("la bañera del bebé se rompió, hay agua por todos lados", "es"),
        ("la fuente de la plaza esta rota y salpica agua por todos lados", "es"),
        ("все подумали что воды отошли, а я просто облилась из кулера", "ru"),
        ("cat knocked over a glass of water, i screamed thinking my waters went. they didnt", "en"),
    ],
)
def test_a_spill_a_broken_bath_or_a_fright_taken_back_is_no_leak(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Water spilt, a bath or a fountain broken, and waters only thought gone flag nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("se me rompió la fuente en el inodoro", "es"),
        ("кот опрокинул стакан на кровать, а у меня воды отошли, 37 недель", "ru"),
        ("thought my waters went earlier and now clear fluid keeps trickling down, 36 weeks", "en"),
    ],
)
def test_waters_named_beside_household_words_stay_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Her waters broken or leaking, told beside a toilet, a spill or a fright, is U2."""
    assert rules_only.screen(text, lang).level == "urgent"
