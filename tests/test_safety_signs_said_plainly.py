"""Specification of obstetric red flags said in plain words that the rules must catch in en,
es and ru: shivering and flu-like aches, burning when peeing with loin pain, bleeding "like a
tap", a brown smear, tissue that came out, nearly collapsing, bleeding that had settled and is
heavy again, and a week number in the clause after a "before"."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("embarazada y tiritando", "es"),
        ("me siento como con gripe, parí hace 8 días", "es"),
        ("ломит все тело и трясет, 20 недель", "ru"),
        ("как будто грипп, родила 8 дней назад", "ru"),
    ],
)
def test_shivering_or_flu_after_birth_is_a_fever_sign(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Shivering, or flu-like illness after a birth, is a sign of fever (U7, P3)."""
    assert "fever_or_infection" in rules_only.screen(text, lang).flags


def test_a_plaster_is_no_shivering(rules_only: SafetyScreen) -> None:
    """'Tirita' (a plaster in Spain) is not 'tiritando' (shivering)."""
    assert (
        rules_only.screen("me corté el dedo pelando patatas, ¿con una tirita basta?", "es").level
        is None
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("embarazada, me arde al orinar y me duele la espalda de un lado", "es"),
        ("беременна, жжет при мочеиспускании и поясница с одной стороны", "ru"),
    ],
)
def test_burning_pee_with_loin_pain_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Burning when peeing together with back or loin pain is urgent in pregnancy (U13)."""
    result = rules_only.screen(text, lang)
    assert result.level == "urgent"
    assert "fever_or_infection" in result.flags


def test_blood_pouring_like_a_tap_is_heavy_bleeding(rules_only: SafetyScreen) -> None:
    """'Льет как из крана' in early pregnancy is heavy bleeding, an emergency (E1)."""
    result = rules_only.screen("8 нед и льет как из крана", "ru")
    assert result.level == "emergency"
    assert "heavy_bleeding" in result.flags


def test_bleeding_like_a_period_but_way_worse_is_heavy(rules_only: SafetyScreen) -> None:
    """Bleeding 'like a period but way worse' in pregnancy is heavy bleeding (E1)."""
    result = rules_only.screen("bleeding like a period but way worse, 9 weeks", "en")
    assert "heavy_bleeding" in result.flags


def test_a_brown_smear_on_the_paper_is_spotting(rules_only: SafetyScreen) -> None:
    """A brown smear ('мазок') on the toilet paper in pregnancy is spotting (U1)."""
    result = rules_only.screen("коричневый мазок на бумаге, 16 нед", "ru")
    assert result.level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("вышло что то похожее на ткань, 11 недель", "ru"),
        ("me salió algo parecido a un tejido, 11 semanas", "es"),
    ],
)
def test_something_like_tissue_coming_out_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Something like tissue that came out in early pregnancy is urgent (U8)."""
    assert rules_only.screen(text, lang).level == "urgent"


def test_nearly_collapsing_with_tummy_pain_is_an_emergency(rules_only: SafetyScreen) -> None:
    """A period late, tummy pain and 'nearly went down' is fainting with pain (E2)."""
    result = rules_only.screen("задержка, тянет живот и всё плывет, чуть не грохнулась", "ru")
    assert result.level == "emergency"
    assert "fainting_collapse_or_fit" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "miscarried 10 days ago, it had calmed down to nearly nothing and now its heavy again",
            "en",
        ),
        ("aborto hace 10 días, ya casi había parado y ahora vuelve fuerte otra vez", "es"),
    ],
)
def test_loss_that_settled_and_is_heavy_again_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """After a loss, bleeding that had settled and is heavy again is urgent, even unnamed (L2)."""
    assert "bleeding_not_settling" in rules_only.screen(text, lang).flags


def test_a_before_in_the_previous_clause_leaves_the_week_standing(rules_only: SafetyScreen) -> None:
    """'Never had them before, 33 weeks' is 33 weeks now: genital sores late in pregnancy."""
    result = rules_only.screen("painful sores down there, never had them before, 33 weeks", "en")
    assert "genital_sores_late_pregnancy" in result.flags


def test_before_a_week_number_still_sets_it_apart(rules_only: SafetyScreen) -> None:
    """'Sores before 33 weeks' names no week of now, so late-pregnancy sores do not fire."""
    result = rules_only.screen("can you get sores before 33 weeks", "en", "not_pregnant")
    assert "genital_sores_late_pregnancy" not in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("it was brown and now fresh red again and it keeps going", "en"),
        ("sangre roja viva otra vez", "es"),
        ("снова алая пошла", "ru"),
    ],
)
def test_fresh_red_coming_back_is_bleeding(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Fresh or bright red coming back, stage unknown, is bleeding to check the same day."""
    assert rules_only.screen(text, lang).level == "urgent"


def test_bright_red_lipstick_is_no_bleeding(rules_only: SafetyScreen) -> None:
    """Lipstick or nails that are bright red again are a colour, not bleeding."""
    assert rules_only.screen("my lipstick is bright red again", "en").level is None
