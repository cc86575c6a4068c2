"""Specification of asking whether sex is safe in pregnancy: another pregnancy subject (the
out-of-scope reply, never the bleeding-after-sex answer), while bleeding or discharge after sex
stays a discharge question."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "is sex ok at 36 weeks",
        "can we still have sex in the third trimester",
        "¿puedo tener relaciones con mi pareja en el embarazo?",
        "а можно ли заниматься сексом на 36 неделе",
    ],
)
def test_asking_if_sex_is_safe_is_another_subject(catalog: Catalog, text: str) -> None:
    """Whether sex is safe in pregnancy is out of scope, not a topic about bleeding."""
    assert catalog.intents.read(text).intent == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "can i have sex if im spotting",
        "had sex and now pink discharge, can we still have sex?",
        "¿puedo tener relaciones si tengo flujo marrón?",
        "можно ли заниматься сексом если мажет кровью",
    ],
)
def test_bleeding_or_discharge_after_sex_stays_a_question(catalog: Catalog, text: str) -> None:
    """With bleeding or discharge named, the same words ask a discharge question."""
    assert catalog.intents.read(text).intent == "question"
