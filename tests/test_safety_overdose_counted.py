"""Specification of an overdose told as a count from the writer's own supply ("took about 30 of
my iron tablets", "me tomé como 15 de mis pastillas"), in a sentence that switches language, or
in Russian slang ("закинулась таблетками"), and of a child older than a baby ("el mayor") who
swallowed tablets; and of the everyday dose, a course of tablets and a question about one."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("took about 30 of my iron tablets at once", "en"),
        ("swallowed about 15 of my sleeping tablets", "en"),
        ("i just took 12 of my co-codamol in one go", "en"),
        ("me tomé como 15 de mis pastillas para dormir", "es"),
        ("me tomé unas 20 de mis pastillas de la presión de golpe", "es"),
        ("se tragó como 30 de sus pastillas de la ansiedad", "es"),
        ("закинулась таблетками", "ru"),
        ("я немного переборщила с таблетками", "ru"),
        ("выпила наверное 15 моих снотворных", "ru"),
    ],
)
def test_a_count_of_ones_own_tablets_is_an_overdose(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Many tablets taken from one's own supply, with words between, is an overdose (M1)."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level == "emergency"
    assert "overdose" in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "took like 15 of mis pastillas para dormir",
        "took a bunch of mis pastillas de la ansiedad, like 10?",
        "me tomé like 20 pills de la ansiedad",
    ],
)
def test_an_overdose_said_in_two_languages_is_an_overdose(
    rules_only: SafetyScreen, text: str
) -> None:
    """An English verb with Spanish tablets, or the other way round, is still an overdose (M1)."""
    result = rules_only.screen(text, "es")
    assert result.crisis_level == "emergency"
    assert "overdose" in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "el mayor se tragó 3 de mis anticonceptivos",
        "la menor se comió varias pastillas de hierro del cajón",
        "el crío se tragó unas pastillas de la abuela",
    ],
)
def test_an_older_child_who_swallowed_tablets_is_a_poisoning(
    rules_only: SafetyScreen, text: str
) -> None:
    """'El mayor', 'la menor', 'el crío' who swallowed tablets is a child poisoning (M1)."""
    result = rules_only.screen(text, "es")
    assert result.crisis_level == "emergency"
    assert "child_poisoning" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i take 2 of my iron tablets a day", "en"),
        ("took 10 of my iron tablets over the last 10 days", "en"),
        ("i've had 10 of my 12 weeks of iron tablets", "en"),
        ("how many of my iron tablets can i take at once", "en"),
        ("me tomo 2 de mis pastillas de hierro al día", "es"),
        ("tomo 10 de mis pastillas de hierro al mes", "es"),
        ("el mayor se tragó un chicle, normal?", "es"),
        ("переборщила с солью в супе", "ru"),
        ("выпила 2 таблетки от головы", "ru"),
    ],
)
def test_the_everyday_dose_or_a_course_is_no_overdose(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A daily dose, a course spread over days, a question or a swallowed gum is no crisis."""
    assert rules_only.screen(text, lang).level is None
