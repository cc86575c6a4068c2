"""Specification of red flags and crisis messages the rules missed, found by variants of
safety-dev20 as people type (issue 14): a caesarean scar or wound that hurts a lot or goes red
(P4, en and ru), a tummy that is so painful days after a birth (P3), a pain said to be
horrendous (severe pain), pain after methotrexate for an ectopic (L1), a child who had some
tablets told at length (M1), tablets lined up or counted out (E11), disappearing for good and
'sería mejor no despertar' (suicidal thoughts). Look-alikes sharing their words stay quiet."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("post c section day 5 and the pain around my scar is unbearable", "en"),
        ("my scar from the section is killing me, 10 days out", "en"),
        ("had her baby by c section 9 days ago and now the cut is going red", "en"),
        ("после кесарева неделя, шов болит невыносимо", "ru"),
    ],
)
def test_a_caesarean_wound_that_hurts_a_lot_or_goes_red_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A caesarean scar that hurts a lot or goes red is at least urgent (P4)."""
    assert rules_only.screen(text, lang).level in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("c section booked, worried about the cut getting red and infected after", "en"),
        ("c section scar itches a bit, 4 weeks", "en"),
        ("шов после кесарева уже почти не болит, стало лучше", "ru"),
    ],
)
def test_a_planned_section_or_a_healing_scar_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A section still to come, an itchy scar or one that hurts less flags nothing."""
    assert rules_only.screen(text, lang).level is None


def test_a_tummy_so_painful_a_week_after_a_birth_is_urgent(rules_only: SafetyScreen) -> None:
    """A tummy that is so painful a week after a birth is urgent (P3)."""
    text = "baby is a week old and my lower tummy is so painful and swollen"
    assert rules_only.screen(text, "en").level == "urgent"


def test_a_horrendous_pain_after_a_miscarriage_is_an_emergency(rules_only: SafetyScreen) -> None:
    """A pain said to be horrendous days after a miscarriage is severe pain (L1)."""
    text = "had a mc 4 days ago and the pain is horrendous, way worse than labour"
    assert rules_only.screen(text, "en").level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("después del metotrexato por un embarazo ectópico me duele el hombro", "es"),
        ("после метотрексата болит плечо и внизу живота справа", "ru"),
        ("after methotrexate i have a really bad pain on my right side", "en"),
    ],
)
def test_shoulder_or_bad_pain_after_methotrexate_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Shoulder-tip or bad pain after methotrexate for an ectopic is L1, whatever else is said."""
    assert rules_only.screen(text, lang).level == "emergency"


def test_mild_cramps_after_methotrexate_asked_about_are_no_emergency(
    rules_only: SafetyScreen,
) -> None:
    """Some mild cramps after methotrexate are expected (2.17): no emergency."""
    text = "had methotrexate yesterday, some mild cramps, is that normal"
    assert rules_only.screen(text, "en").level != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my 18 month old had some of my folic acid tablets, maybe 3",
        "my 2yo got into my handbag and ate some of my ferrous sulphate tablets, 3 or 4 maybe",
    ],
)
def test_a_child_who_had_some_tablets_is_a_crisis(rules_only: SafetyScreen, text: str) -> None:
    """A child who had or ate some of a parent's tablets is M1."""
    assert "child_poisoning" in rules_only.screen(text, "en").crisis


def test_a_child_with_his_own_vitamins_is_no_crisis(rules_only: SafetyScreen) -> None:
    """A child who had some of his own vitamins is no poisoning."""
    assert rules_only.screen("my son had some of his own vitamins this morning", "en").crisis == ()


def test_tablets_lined_up_to_make_it_stop_are_an_emergency(rules_only: SafetyScreen) -> None:
    """Tablets lined up, wanting it to stop, are a plan (E11)."""
    text = "lost my son at 22 weeks. ive got the tablets lined up. i just want it to stop"
    assert "thoughts_of_harm" in rules_only.screen(text, "en").crisis


def test_tablets_lined_up_in_a_pill_organiser_are_no_crisis(rules_only: SafetyScreen) -> None:
    """Iron tablets lined up in a pill organiser for the week are no plan."""
    text = "got my iron tablets lined up in the pill organiser for the week"
    assert rules_only.screen(text, "en").crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("maybe my family would be happier if i just disappeared for good", "en"),
        ("a veces pienso que seria mejor no despertar, no voy a hacer nada", "es"),
    ],
)
def test_disappearing_for_good_or_better_not_to_wake_are_suicidal_thoughts(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Disappearing for good, or better not to wake, are thoughts of suicide (M3 or higher)."""
    assert "thoughts_of_harm" in rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i want to disappear for a weekend lol", "en"),
        ("es mejor no despertar al bebé para comer?", "es"),
    ],
)
def test_a_weekend_away_or_a_sleeping_baby_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Disappearing for a weekend, or not waking the baby, is no suicidal thought."""
    assert rules_only.screen(text, lang).crisis == ()
