"""Specification of a partner who answers or speaks for the writer at appointments (controlling
behaviour, disclosed abuse, M5), beside a partner's worry that his wife will not talk to him,
which names no one speaking for anyone."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "he always answers for me at the midwife",
        "my husband speaks for me at every appointment and i cant say anything",
        "he talks for me at appointments",
    ],
)
def test_a_partner_who_speaks_for_her_is_abuse(rules_only: SafetyScreen, text: str) -> None:
    """A partner who answers or speaks for the writer is disclosed abuse (M5)."""
    assert "abuse" in rules_only.screen(text, "en").crisis


@pytest.mark.parametrize(
    "text",
    [
        "shes been crying for days and wont talk to me",
        "she talks to me less since the birth, crying for hours",
    ],
)
def test_a_wife_who_will_not_talk_to_her_partner_is_no_abuse(
    rules_only: SafetyScreen, text: str
) -> None:
    """A partner worried that she cries and will not talk to him gets no abuse reason."""
    assert "abuse" not in rules_only.screen(text, "en").crisis
