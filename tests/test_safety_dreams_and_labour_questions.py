"""Specification of a dream told ("fever dream last night that i went into labour at the dentist",
"soñé que se me rompía la fuente", "приснилось что начались схватки"): the dream's clause is set
apart (the ``dream`` frame) up to waking, "now", "but" or "and". And of a question how to know
labour asked ahead ("how do i know when i'm in labour?"). Waking to a sign, a sign now, or the
writer sure she is in labour keep the alarm; "sueño" (sleep) and a dream feed are no dream."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("fever dream last night that i went into labour at the dentist. 25 weeks, all good", "en"),
        ("soñé que se me rompía la fuente en el súper, 33 semanas 😅", "es"),
        ("приснилось что начались схватки прямо на работе, 31 неделя, смешно", "ru"),
    ],
)
def test_a_sign_in_a_dream_is_no_red_flag(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Labour or waters told as a dream flag nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("dreamt i went into labour and now im having contractions every 5 mins, 33 weeks", "en"),
        ("had a nightmare, woke up bleeding, 20 weeks", "en"),
        ("приснилось что воды отошли, проснулась а трусы мокрые, 35 недель", "ru"),
        ("tengo mucho sueño y sangro un poco, 10 semanas", "es"),
        ("did a dream feed at 11 then heavy bleeding, 5 days postpartum", "en"),
    ],
)
def test_a_sign_after_waking_or_now_keeps_its_alarm(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A sign on waking or now, sleepiness ("sueño") or a dream feed is still flagged."""
    assert rules_only.screen(text, lang).level is not None


def test_asking_how_to_know_labour_is_no_red_flag(rules_only: SafetyScreen) -> None:
    """How to know labour, asked ahead at 30 weeks, flags nothing."""
    text = "how do i know when i'm in labour? first baby, 30 weeks, just want to be prepared"
    assert rules_only.screen(text, "en").level is None


def test_sure_she_is_in_labour_stays_urgent(rules_only: SafetyScreen) -> None:
    """The writer sure she is in labour before 37 weeks is still urgent (U5)."""
    assert rules_only.screen("pretty sure im in labour, 34 weeks", "en").level == "urgent"
