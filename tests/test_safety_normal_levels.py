"""Specification of signs the medical reference puts below urgent, each paired with the red flag
next to it: a pad every two hours on a period (C2, not C3's every hour), the first period after
a birth heavier than before (P5), a burn or sting when peeing with no fever or loin pain (S5, not
U13), spotting between periods (S7), and a week that dates an ended pregnancy or a day ahead
("miscarried at 7 weeks", "period due in 2 weeks", "7 weeks, 3 days ago"), not the week now."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my periods last 8 days and i change a pad every 2 hours on day 1", "en"),
        ("la regla me dura 8 días y cambio la compresa cada 2 horas", "es"),
        ("месячные 8 дней, меняю прокладку каждые два часа", "ru"),
        ("4 months after the birth my period came back heavier than before the baby", "en"),
    ],
)
def test_a_heavy_period_below_the_hourly_mark_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A pad every two hours, or a first period after a birth heavier than before, is a heavy
    period to raise with the GP (C2, P5), not an urgent or emergency bleed."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("not pregnant, period so heavy i soak a pad every hour since this morning", "en"),
        ("no estoy embarazada, empapo una compresa cada hora desde esta mañana", "es"),
        ("не беременна, прокладка промокает каждый час с утра", "ru"),
    ],
)
def test_a_pad_soaked_every_hour_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A pad soaked every hour is very heavy bleeding (C3), at least urgent."""
    assert rules_only.screen(text, lang).level is not None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("11 weeks, it burns a bit when i wee, more discharge, no temperature", "en"),
        ("15 weeks and it stings when i pee, otherwise fine", "en"),
    ],
)
def test_a_sting_when_peeing_alone_is_no_urgent_infection(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A burn or sting when peeing with no fever and no loin pain is S5 (see a GP soon)."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("24 weeks, burning when i pee and a fever since last night", "en"),
        ("it stings when i wee and my back hurts round the kidney, 20 weeks", "en"),
        ("26 weeks, peeing feels like razor blades", "en"),
        ("arde al orinar y tengo fiebre, 22 semanas", "es"),
        ("жжет при мочеиспускании и болит поясница, 25 недель", "ru"),
    ],
)
def test_a_sting_when_peeing_with_fever_or_loin_pain_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Pain or burning peeing with a fever or loin pain is urgent (U13)."""
    assert "fever_or_infection" in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("spotting between periods again this cycle, should i see someone", "en"),
        ("manchado entre las reglas este mes, no tomo la píldora", "es"),
        ("мажет между месячными уже второй месяц", "ru"),
    ],
)
def test_spotting_between_periods_is_no_bleeding_in_pregnancy(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Spotting between periods says the writer tracks a cycle: S7 (see a GP), not U1."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i miscarried at 8 weeks, that was 5 weeks ago, still a little brown spotting", "en"),
        ("выкидыш в 8 недель, 5 недель назад, до сих пор чуть мажет", "ru"),
    ],
)
def test_the_week_a_pregnancy_ended_is_not_the_week_now(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """'Miscarried at 8 weeks' dates the loss: light spotting weeks after it is L4, not U1."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    "text",
    [
        "i miscarried at 8 weeks last year, now 9 weeks pregnant and spotting",
        "had a miscarriage at 7 weeks before, now 10 weeks and bleeding a little",
    ],
)
def test_spotting_in_a_pregnancy_after_a_loss_still_fires(
    rules_only: SafetyScreen, text: str
) -> None:
    """The week of a past loss aside, spotting in the pregnancy now is bleeding (U1)."""
    assert "bleeding_in_pregnancy" in rules_only.screen(text, "en").flags


def test_a_date_ahead_is_not_the_pregnancy_week(rules_only: SafetyScreen) -> None:
    """'Period due in 2 weeks' names no pregnancy week; the one-sided twinge is ovulation pain."""
    text = "a small one sided twinge mid cycle, gone after an hour, period due in 2 weeks"
    assert rules_only.screen(text, "en").level is None


def test_a_count_after_a_comma_is_no_week(rules_only: SafetyScreen) -> None:
    """'7 weeks, 3 days ago': the 3 after a comma is a count of days, not week 3."""
    assert rules_only.mentioned_weeks("it was 7 weeks, 3 days ago") == (7,)


def test_lochia_like_a_heavy_period_days_after_a_birth_is_no_red_flag_in_russian(
    rules_only: SafetyScreen,
) -> None:
    """Lochia like a heavy period three days after a birth, small clots, is P7, as in en and es."""
    text = "родила 3 дня назад, кровит как обильные месячные, сгустки мелкие, запаха нет"
    assert rules_only.screen(text, "ru").level is None


def test_lochia_soaking_a_pad_within_the_hour_still_is_an_emergency_in_russian(
    rules_only: SafetyScreen,
) -> None:
    """The same lochia soaking a pad in half an hour is heavy bleeding after a birth (P1)."""
    text = "родила 3 дня назад, кровит как обильные месячные, прокладка промокает за полчаса"
    assert rules_only.screen(text, "ru").level == "emergency"
