"""Specification of the level the red-flag screen gives to signs near the urgent/emergency line
and to everyday look-alikes of red flags."""

from __future__ import annotations

import pytest

from bot.catalog.faq_content import load_safety
from bot.catalog.files import CONTENT_DIR
from bot.domain.safety import SafetyScreen


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("soaking a pad every hour and dizzy", "en"),
        ("changing my tampon every hour, feeling lightheaded", "en"),
        ("my period is flooding and my heart is racing", "en"),
        ("empapo una compresa cada hora y estoy mareada", "es"),
        ("regla muy abundante y me siento mareada", "es"),
        ("промокает прокладка каждый час и кружится голова", "ru"),
        ("очень обильные месячные, темнеет в глазах", "ru"),
    ],
)
def test_very_heavy_period_with_faintness_is_an_emergency(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """Not pregnant, a period soaking pads with dizziness or faintness is an emergency (C4)."""
    assert screen.screen(text, lang, "not_pregnant").level == "emergency"


def test_very_heavy_period_without_faintness_stays_urgent(screen: SafetyScreen) -> None:
    """Not pregnant, soaking pads hourly with dizziness denied stays urgent (C3)."""
    result = screen.screen("soaking pads every hour, not dizzy", "en", "not_pregnant")
    assert result.level == "urgent"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("period clots on day 2 normal?", None),
        ("coágulos de la regla el día 2, ¿normal?", "not_pregnant"),
        ("сгустки на 2 день месячных это нормально?", None),
        ("is it normal to have clots", "postpartum"),
    ],
)
def test_asking_whether_clots_are_normal_without_a_size_is_no_emergency(
    screen: SafetyScreen, text: str, stage: str | None
) -> None:
    """A question whether clots are normal that names no size or amount is not an emergency."""
    assert screen.screen(text, None, stage).level != "emergency"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("is it normal to pass huge clots", "postpartum"),
        ("clots the size of a plum, is that normal?", "postpartum"),
        ("lots of clots normal?", "postpartum"),
        ("clots, is this normal? soaking a pad every hour", "postpartum"),
        ("passing clots at 9 weeks", "pregnant"),
        ("bleeding with clots", "after_loss"),
        ("coágulos enormes, ¿es normal?", "postpartum"),
        ("сгустки размером со сливу, это нормально?", "postpartum"),
    ],
)
def test_clots_with_a_size_or_amount_stay_an_emergency(
    screen: SafetyScreen, text: str, stage: str
) -> None:
    """Clots with a size, an amount or other heavy bleeding stay an emergency, asked or told."""
    assert screen.screen(text, None, stage).level == "emergency"


def test_underwear_damp_with_white_discharge_is_no_leak(screen: SafetyScreen) -> None:
    """Knickers damp with white discharge in early pregnancy is not flagged as leaking waters."""
    text = "6 weeks pregnant and my knickers are always damp with white discharge, ok?"
    assert screen.screen(text, "en", None).level is None


@pytest.mark.parametrize(
    "text",
    [
        "knickers keep getting wet, white discharge or waters? 35 weeks",
        "knickers wet with white discharge and now a gush of water, 35 weeks",
        "my knickers are wet, 34 weeks",
    ],
)
def test_wet_underwear_that_may_be_waters_stays_urgent(screen: SafetyScreen, text: str) -> None:
    """Wet underwear that may be waters stays urgent even when discharge is named too."""
    assert screen.screen(text, "en", None).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "period clots on day 2 normal?",
        "is it normal to have clots",
        "coágulos de la regla el día 2, ¿normal?",
        "сгустки на 2 день месячных это нормально?",
    ],
)
def test_clots_told_by_someone_stored_as_pregnant_are_an_emergency(
    screen: SafetyScreen, text: str
) -> None:
    """Clots from someone stored as pregnant are E1, even asked about or called a period."""
    assert screen.screen(text, None, "pregnant").level == "emergency"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("baby 5 days old, bleeding like a heavy period with a couple of small clots", None),
        ("4 days after birth and bleeding like a heavy period with small clots", "postpartum"),
        ("4 dias despues del parto sangro como una regla fuerte con coagulitos", None),
        (
            "bleeding like a heavy period with small clots, getting a bit less each day",
            "postpartum",
        ),
    ],
)
def test_lochia_like_a_heavy_period_in_the_first_days_is_no_emergency(
    screen: SafetyScreen, text: str, stage: str | None
) -> None:
    """Lochia like a heavy period with small clots in the first days, or easing, is P7."""
    assert screen.screen(text, None, stage).level is None


@pytest.mark.parametrize(
    "text",
    [
        "3 days after birth bleeding like a heavy period and soaking a pad every hour",
        "2 days after birth bleeding like a heavy period with small clots and i feel dizzy",
        "baby 4 days old, clots the size of a plum",
    ],
)
def test_lochia_with_heavy_bleeding_signs_stays_an_emergency(
    screen: SafetyScreen, text: str
) -> None:
    """In the first days after a birth, soaking a pad an hour, faintness or big clots stay P1."""
    assert screen.screen(text, None, "postpartum").level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("hubby fainted at the scan when they did the blood test, all fine", "en"),
        ("my husband nearly passed out at the birth lol", "en"),
        ("mi marido casi se desmayó en el parto", "es"),
        ("муж чуть не упал в обморок на родах", "ru"),
    ],
)
def test_a_husband_who_fainted_is_no_emergency(screen: SafetyScreen, text: str, lang: str) -> None:
    """A husband or other man fainting at a scan or the birth is not the writer's collapse."""
    assert screen.screen(text, lang).level is None


@pytest.mark.parametrize(
    "text",
    ["my wife is 38 weeks and she fainted", "i fainted at the scan", "my husband had a seizure"],
)
def test_a_pregnant_woman_fainting_or_anyone_fitting_stays_an_emergency(
    screen: SafetyScreen, text: str
) -> None:
    """A pregnant woman who fainted, the writer fainting, or anyone fitting stays an emergency."""
    assert screen.screen(text, "en").level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("can i avoid getting pregnant just using cm and temping", "en"),
        ("que apps sirven para registrar el moco y la temperatura", "es"),
        ("хочу предохраняться только по слизи и температуре", "ru"),
    ],
)
def test_temperature_charted_for_fertility_awareness_is_no_fever(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """A temperature taken to chart the cycle or avoid pregnancy is not a fever."""
    assert "fever_or_infection" not in screen.screen(text, lang).flags


@pytest.mark.parametrize(
    "text", ["i have a temperature and smelly discharge, 30 weeks", "temperature 38.5 at 30 weeks"]
)
def test_a_temperature_in_pregnancy_stays_urgent(screen: SafetyScreen, text: str) -> None:
    """A temperature told in pregnancy, with or without smelly discharge, stays urgent (U7)."""
    assert screen.screen(text, "en").level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "embarazada con comezon vaginal y flujo blanco grumoso",
        "tengo muchisimo flujo blanco y la regla no me viene, puede ser embarazo?",
    ],
)
def test_lumpy_or_plentiful_white_discharge_is_no_heavy_bleeding(
    screen: SafetyScreen, text: str
) -> None:
    """Lumpy (thrush) or plentiful white discharge is no clot and no heavy bleeding."""
    assert "heavy_bleeding" not in screen.screen(text, "es").flags


def test_pain_easing_each_day_is_no_rhythm_of_labour(screen: SafetyScreen) -> None:
    """Pains easing 'с каждым днём' (each day) are not pains every few minutes."""
    text = "неделя после выкидыша, кровит уже гораздо меньше и боли слабеют с каждым днём"
    assert "possible_labour" not in screen.screen(text, "ru").flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [("боли каждые 5 минут", "ru"), ("dolores cada vez mas fuertes cada 5 minutos", "es")],
)
def test_pains_every_few_minutes_stay_possible_labour(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """Pains every few minutes stay possible labour."""
    assert "possible_labour" in screen.screen(text, lang).flags
