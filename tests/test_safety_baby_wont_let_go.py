"""Specification of a baby who won't let her leave the room or let go of her, and of hospital
staff who have not discharged her, in es and ru: no abuse; beside a partner who keeps her in or
from care, which stays abuse (M5, M2)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("la bebé no me deja salir de la habitación", "es"),
        ("el nene no me deja ni ir al baño jaja", "es"),
        ("no me dejan salir del hospital hasta mañana", "es"),
        ("малыш не выпускает меня из рук весь день", "ru"),
        ("из роддома не выпускают уже неделю", "ru"),
        ("не выписывают из больницы, скучно", "ru"),
    ],
)
def test_a_baby_or_a_ward_that_keeps_her_is_no_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A baby who won't let go, or staff who have not discharged her, is no abuse."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mi marido no me deja ir al hospital", "es"),
        ("el bebé llora y mi esposo no me deja salir de casa", "es"),
        ("муж не пускает меня к врачу", "ru"),
        ("муж не выпускает меня из дома", "ru"),
    ],
)
def test_a_partner_who_keeps_her_in_or_from_care_is_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A partner who keeps her in, or from the hospital or a doctor, is abuse."""
    assert rules_only.screen(text, lang).crisis != ()
