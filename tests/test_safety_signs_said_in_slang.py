"""Specification of obstetric red flags said in slang, without the sign's name or in shorthand, in
en, es and ru: heavy bleeding typed in Latin letters, as "кровища", as red running down the legs
or pads filling within minutes; a pad used up every hour on a period; a temperature sent alone or
beside words of measuring, and teeth chattering; and of their look-alikes: a cut finger, a film,
red wine or dye spilt, pads bought, a pad every few hours, weeks, prices, sizes and the weather."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("krovotechenie silnoe, 10 nedel", "ru"),
        ("prokladka polnaya za polchasa, 8 nedel", "ru"),
        ("silnoe krovotechenie posle rodov, prokladki polnye", "ru"),
    ],
)
def test_heavy_bleeding_in_latin_letters_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Heavy bleeding typed in Russian with Latin letters is read as Russian (E1, P1)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "heavy_bleeding" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("кровища пошла, 9 недель, что делать", "ru"),
        ("блин кровищи столько, 12 недель", "ru"),
        ("стою в магазине, всё красное течёт по ногам, 14 недель", "ru"),
        ("родила вчера, прокладки промокают за минуты", "ru"),
        ("bright red running down my legs at 12 weeks", "en"),
        ("something red pouring down my legs, 10 weeks", "en"),
        ("delivered this morning and the pads are filling up really fast", "en"),
        ("me chorrea algo rojo por las piernas, 11 semanas", "es"),
        ("un sangrerío tremendo, 10 semanas", "es"),
        ("parí ayer y las compresas se llenan rapidísimo", "es"),
        ("theres so much red coming out of me, 9 weeks", "en"),
        ("its like a tap, red, and it wont slow down, 12 weeks", "en"),
        ("estoy sangrando como una llave abierta, 10 semanas", "es"),
    ],
)
def test_blood_said_in_slang_or_unnamed_is_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Blood in slang, red running down the legs, or pads filling in minutes is E1 or P1."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "heavy_bleeding" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("порезала палец, кровища", "ru"),
        ("в фильме кровища, смотреть страшно", "ru"),
        ("красное вино потекло по ногам, вот я неуклюжая", "ru"),
        ("прокладки быстро заканчиваются в магазине, где купить", "ru"),
        ("red wine ran down my legs at the party lol", "en"),
        ("my red dye was running down my legs in the shower", "en"),
        ("the pads are filling up the cupboard fast, bought too many", "en"),
        ("el vino rojo me chorrea por las piernas jaja", "es"),
        ("se me cayó salsa roja al suelo", "es"),
        ("compré compresas, se llenan los cajones rápido", "es"),
        ("a red rash is coming out on my belly, 30 weeks", "en"),
        ("my red sock ran in the wash and everything came out pink lol", "en"),
        ("red eyes and runny nose coming out of nowhere, 20 weeks", "en"),
    ],
)
def test_a_cut_a_film_or_red_wine_spilt_is_no_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A cut finger, a film, red wine or dye spilt, or pads bought is no heavy bleeding."""
    assert "heavy_bleeding" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("not pregnant, heavy period, a super tampon every hour since breakfast", "en"),
        ("period: night pad every hour all morning", "en"),
        ("overnight pad every hour since 9am on my period", "en"),
        (
            "no estoy embarazada, con la regla, una compresa nocturna cada hora desde la mañana",
            "es",
        ),
        ("tampón súper cada hora desde las 9, no embarazada", "es"),
        ("compresa de noche cada hora desde las 9", "es"),
        ("не беременна, месячные, ночная прокладка каждый час с утра", "ru"),
        ("тампон супер каждый час с обеда", "ru"),
        ("месячные, прокладка каждый час уже полдня", "ru"),
    ],
)
def test_a_pad_every_hour_on_a_period_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A pad or tampon used up every hour on a period, said with no verb, is C3 (urgent)."""
    result = rules_only.screen(text, lang, "not_pregnant")
    assert result.level == "urgent"
    assert "very_heavy_bleeding_not_pregnant" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i change my pad every 4 hours on my period, normal?", "en"),
        ("night pad every 3 hours on my heavy days", "en"),
        ("cambio la compresa cada 4 horas con la regla", "es"),
        ("меняю прокладку каждые 3 часа на месячных", "ru"),
    ],
)
def test_a_pad_every_few_hours_on_a_period_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A pad every few hours on a period is a heavy period at most, no red flag."""
    assert rules_only.screen(text, lang, "not_pregnant").level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("38.6", "en"),
        ("39,1", "en"),
        ("38.6 c", "en"),
        ("38,9", "es"),
        ("38,7", "ru"),
        ("measured 38.4 and i'm 20 weeks", "en"),
        ("me medí y 38,3, 25 semanas", "es"),
        ("38,4 намерила, 30 недель", "ru"),
        ("38.5 and the discharge smells, 26 weeks", "en"),
        ("38,4 y el flujo huele fatal, 20 semanas", "es"),
        ("38.4 и выделения пахнут, 24 недели", "ru"),
        ("32 weeks, teeth chattering and cant get warm", "en"),
        ("me castañean los dientes, 30 semanas", "es"),
        ("зуб на зуб не попадает, 28 недель", "ru"),
    ],
)
def test_a_temperature_sent_alone_or_measured_is_a_fever(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A decimal temperature sent alone or said measured, or teeth chattering, is a fever (U7)."""
    result = rules_only.screen(text, lang)
    assert result.level == "urgent"
    assert "fever_or_infection" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("38", "en"),
        ("38.5 weeks pregnant, when will baby come", "en"),
        ("at 38 weeks and feeling huge", "en"),
        ("pregnant at 38, is it risky?", "en"),
        ("the pram was 38.99 on sale", "en"),
        ("38.5 cm bump at 38 weeks", "en"),
        ("my bmi is 38.4 and pregnant", "en"),
        ("its 38.6 outside and im pregnant, so hot", "en"),
        ("38,5 semanas, ¿cuándo nacerá?", "es"),
        ("38,99 euros el carrito", "es"),
        ("38 недель, живот опустился", "ru"),
        ("38.5 weeks and discharge is more, normal?", "en"),
        ("38 недель, выделения пахнут?", "ru"),
        ("38,5 кг прибавила? нет, 38 лет мне", "ru"),
    ],
)
def test_weeks_prices_sizes_and_the_weather_are_no_fever(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A week, an age, a price, a size, a BMI or the air's temperature is no fever."""
    assert rules_only.screen(text, lang).level is None
