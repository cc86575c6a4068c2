"""Specification of a little pink or brown after an internal exam at term (N7, light): no red
flag; the same exam before term (U1), or heavy bleeding after it, still fire."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("had an internal exam at 39 weeks and now a little pink spotting", "en"),
        ("after my cervical check today light brown spotting, 38 weeks", "en"),
        ("después del tacto manché un poquito marrón, 39 semanas", "es"),
        ("tras el tacto a las 40 semanas manché rosa un poco", "es"),
        ("после осмотра на кресле немного мажет коричневым, 38 недель", "ru"),
    ],
)
def test_light_spotting_after_an_exam_at_term_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A little pink or brown after an internal exam at term is expected."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("bled a tiny bit after my internal exam at 28 weeks", "en", "urgent"),
        ("me hicieron tacto y ahora sangro un poquito, 26 semanas", "es", "urgent"),
        ("после осмотра на кресле немного крови, 25 недель", "ru", "urgent"),
        (
            "had an internal exam at 39 weeks and now bleeding heavily, soaking a pad",
            "en",
            "emergency",
        ),
        ("tras el tacto sangro mucho, rojo vivo, 39 semanas", "es", "emergency"),
        ("после осмотра на кресле сильное кровотечение, 38 недель", "ru", "emergency"),
    ],
)
def test_bleeding_after_an_exam_before_term_or_heavy_still_fires(
    rules_only: SafetyScreen, text: str, lang: str, level: str
) -> None:
    """Bleeding after an exam before term, or heavy bleeding at term, keeps its level."""
    assert rules_only.screen(text, lang).level == level
