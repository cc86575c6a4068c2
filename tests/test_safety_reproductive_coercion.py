"""Specification of reproductive coercion ("he won't let me use contraception", "me obliga a no
cuidarme", "муж не дает пользоваться презервативами"): disclosed domestic abuse (M5, urgent),
beside a doctor who will not allow a method or a partner who reminds, which are none."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("муж не дает пользоваться презервативами и злится", "ru"),
        ("муж не разрешает предохраняться", "ru"),
        ("он запрещает мне пить противозачаточные", "ru"),
        ("парень снимает презерватив без спроса", "ru"),
        ("he won't let me use contraception", "en"),
        ("my husband hides my birth control pills", "en"),
        ("he poked holes in the condoms", "en"),
        ("he is forcing me to get pregnant", "en"),
        ("me obliga a no cuidarme", "es"),
        ("no me deja cuidarme", "es"),
        ("mi marido me esconde las pastillas anticonceptivas", "es"),
        ("se quitó el condón sin avisarme", "es"),
    ],
)
def test_reproductive_coercion_is_abuse(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A partner who stops or sabotages contraception or forces a pregnancy is abuse (M5)."""
    result = rules_only.screen(text, lang)
    assert "abuse" in result.crisis
    assert result.level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("врач не дает пить противозачаточные из-за давления", "ru"),
        ("он не даёт мне забыть выпить ок, такой заботливый", "ru"),
        ("my doctor won't let me use the coil because of my blood pressure", "en"),
        ("he never lets me forget my pill lol", "en"),
        ("my husband forced me to get some rest", "en"),
        ("el médico no me deja tomar la pastilla por la tensión", "es"),
        ("no me deja olvidar la pastilla jaja", "es"),
    ],
)
def test_a_doctor_or_a_reminder_about_contraception_is_no_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A doctor who will not allow a method, or a partner who reminds, is no abuse."""
    assert rules_only.screen(text, lang).crisis == ()
