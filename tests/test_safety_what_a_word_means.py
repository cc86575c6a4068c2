"""Specification: what a sign's word means, asked in general or about the app ("what does spotting
mean in the app", "qué significa el flujo marrón, solo quería saber", "что значат коричневые
выделения, просто хочу понять"), and a leak denied ("no fluid leaking"), get no red flag in en, es
and ru; the same question beside the writer's sign now still fires (rules only)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what does spotting mean in the app? like what counts", "en"),
        ("no fluid leaking, no bleeding, just asking what waters breaking feels like", "en"),
        ("what does a show mean in the tracker, just curious", "en"),
        ("qué significa el flujo marrón en general", "es"),
        ("sin sangrado ni dolor, solo quería saber qué significa manchar", "es"),
        ("qué quiere decir sangrado de implantación? solo quería saber", "es"),
        ("что значит мазня? просто хочу понять", "ru"),
        ("крови нет, боли нет, хочу понять что вообще значат коричневые выделения", "ru"),
        ("что означает подтекание вод в приложении?", "ru"),
    ],
)
def test_what_a_word_means_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A question about a sign's word, asked in general, gets no call to action."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what does spotting mean in the app? i'm spotting now at 8 weeks", "en"),
        ("what does it mean when you bleed a lot, i'm bleeding a lot right now, just asking", "en"),
        ("no fluid leaking but my waters broke an hour ago", "en"),
        ("qué significa esto? estoy sangrando mucho, 10 semanas", "es"),
        ("qué significa sangrar con coágulos? me está pasando ahora, solo quería saber", "es"),
        ("solo quería saber qué significa que sangre tanto, empapo una compresa por hora", "es"),
        ("хочу понять что значит кровь со сгустками у меня сейчас", "ru"),
        ("что значит эта кровь, хочу понять, кровит сильно", "ru"),
        ("что значит мазня? у меня началось кровотечение, 9 недель", "ru"),
    ],
)
def test_the_same_question_beside_a_sign_now_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The writer's own sign now keeps its call to action, however the question is put."""
    assert rules_only.screen(text, lang).level in ("urgent", "emergency")
