"""Specification of figures of speech and questions about words that the rules leave alone, each
paired with the red flag they must still see: money or a chat that is "bleeding", "what counts as
heavy bleeding?", a pregnancy brain that "me mata"; and bleeding beside a chat, heavy bleeding
asked about while soaking pads, a partner who "me mata"."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "my savings account has been bleeding since the baby came",
        "the wallet is bleeding after all the nursery shopping",
        "the in-laws group chat is bleeding me dry, 29 weeks",
        "i am bleeding out on the mums whatsapp group with all these name polls",
    ],
)
def test_money_or_a_chat_that_bleeds_is_no_bleeding(rules_only: SafetyScreen, text: str) -> None:
    """Money or a chat that 'bleeds' is a figure of speech, not bleeding in pregnancy."""
    assert rules_only.screen(text, "en").level is None


@pytest.mark.parametrize(
    "text",
    [
        "28 weeks and bleeding, typing this in the family group chat",
        "my bank app crashed and now i am bleeding a bit, 12 weeks",
    ],
)
def test_bleeding_beside_a_chat_or_a_bank_still_fires(rules_only: SafetyScreen, text: str) -> None:
    """Bleeding said plainly beside a chat or a bank is bleeding in pregnancy (U1)."""
    assert "bleeding_in_pregnancy" in rules_only.screen(text, "en").flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what counts as heavy bleeding after a birth?", "en"),
        ("is there a rule for what is considered heavy bleeding postpartum", "en"),
        ("¿qué se considera un sangrado abundante después del parto?", "es"),
        ("что считается обильным кровотечением после родов?", "ru"),
    ],
)
def test_asking_what_heavy_bleeding_means_is_no_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A question about what the words 'heavy bleeding' mean is no heavy bleeding."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what counts as heavy bleeding? i soaked a maternity pad in 40 minutes", "en"),
        ("qué se considera sangrado abundante? empapé dos compresas en una hora", "es"),
    ],
)
def test_asking_what_it_means_while_soaking_pads_still_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The same question asked while soaking pads within the hour is heavy bleeding (E1, P1)."""
    assert rules_only.screen(text, lang).level == "emergency"


def test_a_pregnancy_brain_that_kills_is_no_abuse(rules_only: SafetyScreen) -> None:
    """'Este cerebro de embarazada me mata' is a figure of speech, not a threat (M2)."""
    text = "este cerebro de embarazada me mata, hoy puse el móvil en el congelador"
    assert rules_only.screen(text, "es").crisis == ()


def test_a_partner_who_will_kill_her_still_is_abuse(rules_only: SafetyScreen) -> None:
    """'Mi pareja dice que me mata' is a threat by a person, abuse in immediate danger (M2)."""
    result = rules_only.screen("mi pareja dice que me mata si se lo cuento a alguien", "es")
    assert result.crisis != ()
