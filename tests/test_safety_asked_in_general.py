"""Specification of a question asked in general or for later (issue 14): where the line of a
sign lies ("what counts as a fever in pregnancy", "какая температура считается высокой"), what a
sign's name means asked for someone else, what to do if it ever happens, and a relative's birth
story are no red flag. The writer's own sign told beside the question still fires."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("how high is too high for a temperature in pregnancy", "en"),
        ("what counts as heavy bleeding, asking for my sister", "en"),
        ("if i ever bleed at 20 weeks who do i call, just for the future", "en"),
        ("my aunt said her waters broke at 40 weeks with her first, is that usual?", "en"),
        ("qué temperatura es demasiado alta para un baño estando embarazada", "es"),
        ("si alguna vez sangro en el embarazo a quién llamo? solo por saber", "es"),
        ("qué significa romper aguas? pregunto para mi marido", "es"),
        ("какая температура считается высокой при беременности? спрашиваю вообще", "ru"),
        ("если вдруг пойдёт кровь при беременности, куда звонить? просто на будущее", "ru"),
        ("что значит отошли воды? спрашиваю для мужа", "ru"),
    ],
)
def test_a_question_asked_in_general_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A question where a sign's line lies, asked in general or for later, fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("asking in general but i am bleeding now, 12 weeks", "en"),
        ("what temperature is too high, i have a temperature of 38.5 at 30 weeks", "en"),
        ("what counts as heavy bleeding if i soak a pad an hour, 12 weeks", "en"),
        ("what counts as reduced movements? he hasn't moved all day, 32 weeks", "en"),
        ("my sister's waters broke with her first and now mine are leaking, 35 weeks", "en"),
        ("qué se considera fiebre, tengo 38,5 y 30 semanas", "es"),
        ("pregunto en general pero ahora estoy sangrando mucho, 12 semanas", "es"),
        ("si alguna vez sangro a quién llamo? porque ahora estoy sangrando", "es"),
        ("какая температура считается высокой? у меня температура 38,5 и 30 недель", "ru"),
        ("спрашиваю вообще, но сейчас у меня сильное кровотечение, 12 недель", "ru"),
        ("если вдруг кровь, куда звонить? у меня сейчас идёт кровь, 10 недель", "ru"),
    ],
)
def test_the_writers_own_sign_beside_the_question_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The writer's own sign now, told beside a general question, still fires."""
    assert rules_only.screen(text, lang).level is not None
