"""Specification of asking about a sign by name (issue 14): the difference between two signs,
or wanting to know about one, asked in general ("not happening to me", "for later", "due in 3
weeks", "solo por saber", "просто интересно") is no red flag. The writer's own words or a
number end the question's reach, so her sign told in the same breath still fires, with or
without punctuation."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "whats the difference between a bleed and spotting in pregnancy? not happening to me,"
            " just wondering",
            "en",
        ),
        ("i want to know about waters breaking for later, all good here", "en"),
        (
            "difference between spotting and a period bleed? asking for my notes, due in 3 weeks",
            "en",
        ),
        ("cuál es la diferencia entre manchado y sangrado? solo por saber", "es"),
        ("quiero saber sobre la pérdida de líquido amniótico, para el futuro", "es"),
        ("в чем разница между мазней и кровотечением? просто интересно", "ru"),
    ],
)
def test_asking_about_a_sign_in_general_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A question about a sign by name, asked in general or for later, fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "what's the difference between spotting and bleeding? just wondering because i'm"
            " bleeding heavily now, 20 weeks",
            "en",
        ),
        ("want to know about bleeding, im bleeding heavily at 20 weeks, just curious", "en"),
        (
            "what does a heavy bleed look like at 20 weeks im soaking a pad every hour just"
            " wondering",
            "en",
        ),
        (
            "how do you know if you are bleeding too much im soaking a pad every hour just"
            " wondering",
            "en",
        ),
        (
            "diferencia entre manchado y sangrado, sangro mucho ahora, 20 semanas, por curiosidad",
            "es",
        ),
        ("cómo se ve un sangrado fuerte empapo una compresa cada hora solo por saber", "es"),
        (
            "в чем разница между мазней и кровотечением? просто интересно, у меня сильное"
            " кровотечение, 20 недель",
            "ru",
        ),
    ],
)
def test_the_writers_own_sign_beside_the_question_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Her own sign now, told with or after the question, fires."""
    assert rules_only.screen(text, lang).level is not None
