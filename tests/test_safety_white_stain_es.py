"""Specification of a white or yellowish stain on a liner ("me mancha el salvaslip de blanco"):
discharge, not spotting; a stain of blood or a pink or brown colour stays urgent."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "me mancha el salvaslip de blanco todos los días, estoy de 5 meses",
        "manchas blancas en el salvaslip, sin olor ni picor, 18 semanas",
    ],
)
def test_white_stain_is_no_spotting(rules_only: SafetyScreen, text: str) -> None:
    """A white stain on a liner is discharge, no bleeding."""
    assert rules_only.screen(text, "es").level is None


@pytest.mark.parametrize(
    "text",
    ["mancho rosado en el salvaslip, 22 semanas", "flujo blanco y ahora manchas de sangre"],
)
def test_pink_or_blood_stain_still_fires(rules_only: SafetyScreen, text: str) -> None:
    """A pink stain or a stain of blood stays a red flag."""
    assert rules_only.screen(text, "es").level is not None
