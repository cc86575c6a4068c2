"""Specification of births seen on a screen and questions about what might happen, each paired
with the red flag beside it: a birth programme with "so much blood" asked about out of curiosity,
"is sex going to break my waters?", "¿el sexo puede romper la bolsa?", and a friend's waters in
"real life or only in films" are no red flags; bleeding that starts while watching, or waters
the writer thinks are breaking, still fire."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("saw a birth on a tv programme and there was blood everywhere, is that realistic?", "en"),
        ("vi un parto en un documental y había muchísima sangre, ¿es de verdad?", "es"),
        ("смотрела передачу про роды и там была куча крови, просто интересно", "ru"),
        ("my friend said her waters broke on the bus, does that happen in real life", "en"),
    ],
)
def test_a_birth_seen_elsewhere_asked_about_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A birth on a screen, or a friend's, asked about out of curiosity, is nobody's sign now."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("watching a birth programme and started bleeding, just curious, 21 weeks", "en"),
        ("watching a birth video and now i am bleeding, is that realistic? 30 weeks", "en"),
        ("vi un documental de partos y ahora estoy sangrando, 20 semanas, por curiosidad", "es"),
    ],
)
def test_bleeding_that_starts_while_watching_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Bleeding that starts, or is the writer's now, beside a programme is bleeding (U1)."""
    assert rules_only.screen(text, lang).level is not None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("is bouncing on my birth ball going to break my waters? 36 weeks, all fine", "en"),
        ("can a long car ride break your waters? 35 weeks", "en"),
        ("¿el sexo puede romper la bolsa? 35 semanas, todo bien", "es"),
    ],
)
def test_asking_what_might_break_the_waters_is_no_leak(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A question whether something could break the waters is no leak now."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i think my waters are breaking, 35 weeks", "en"),
        ("can my waters break slowly? i keep feeling wet, 33 weeks", "en"),
        ("creo que se me rompió la bolsa, 35 semanas", "es"),
    ],
)
def test_waters_the_writer_thinks_are_breaking_still_fire(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Waters the writer thinks are breaking, or a wetness that keeps coming, are U2."""
    assert "fluid_leak_or_waters" in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no estoy embarazada pero a veces mancho después de las relaciones", "es"),
        ("manché los dos primeros meses con la minipíldora, ahora nada", "es"),
        ("месячные обильные, меняю прокладку каждые 2 часа, идут по 8 дней", "ru"),
        ("сердце кровью обливается, когда малыш плачет по ночам", "ru"),
    ],
)
def test_cycle_signs_and_heartache_are_no_bleeding_in_pregnancy(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Spotting when not pregnant or on a new pill (S7, C5), a period changed every two hours
    (C2), and a heart that 'bleeds' are no urgent or emergency bleeding."""
    assert rules_only.screen(text, lang).level is None


def test_not_pregnant_with_a_pad_soaked_hourly_still_fires(rules_only: SafetyScreen) -> None:
    """'No estoy embarazada' with a pad soaked every hour is very heavy bleeding (C3)."""
    text = "no estoy embarazada y empapo una compresa cada hora desde la mañana"
    assert rules_only.screen(text, "es").level is not None
