"""Specification of crisis concepts the rules alone must catch in en, es and ru: suicidal
thoughts told by someone else, a deep cut on oneself, not vouching for oneself near the baby,
and not knowing how much longer one can go on. Rules only: the meaning-based screen is left out
so that each concept is carried by the rules' data."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my wife says she wishes she wasnt here anymore", "en"),
        ("she keeps saying we would all be better off without her", "en"),
        ("mi esposa dice que estaríamos mejor sin ella", "es"),
        ("mi pareja dice que quiere desaparecer", "es"),
        ("жена сказала, что думает о том, чтобы её не стало", "ru"),
        ("жена говорит, что хочет умереть", "ru"),
    ],
)
def test_suicidal_thoughts_told_by_someone_else_are_an_emergency_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A partner telling of her suicidal thoughts in the third person gets the crisis reply."""
    result = rules_only.screen(text, lang)
    assert result.crisis == ("thoughts_of_harm",)
    assert result.crisis_level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the kids are better off without him", "en"),
        ("she wants to know if this discharge is normal", "en"),
        ("mi hija no quiere comer", "es"),
        ("ребенок не хочет есть", "ru"),
    ],
)
def test_third_person_everyday_words_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Everyday third-person wants and a partner one is better off without are no crisis."""
    assert not rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me corté muy hondo", "es"),
        ("me corté y no deja de sangrar", "es"),
        ("порезалась очень глубоко", "ru"),
        ("порезалась, кровь не останавливается", "ru"),
    ],
)
def test_a_deep_cut_on_oneself_is_a_crisis(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A deep cut the writer made on herself, without a body part named, is a crisis."""
    assert rules_only.screen(text, lang).crisis == ("thoughts_of_harm",)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("порезалась ножом, когда резала лук, кровь идет", "ru"),
        ("me corté el dedo con un cuchillo y no deja de sangrar", "es"),
    ],
)
def test_a_kitchen_cut_is_no_crisis(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Cutting a finger with a knife while cooking is an accident, not self-harm."""
    assert not rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i cant vouch for myself around the baby", "en"),
        ("no respondo de mí con el bebé", "es"),
        ("я не могу за себя ручаться рядом с ребенком", "ru"),
        ("я себе не доверяю рядом с малышом", "ru"),
    ],
)
def test_not_vouching_for_oneself_near_the_baby_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Not being able to answer for oneself near the baby is a danger to the baby (E11)."""
    result = rules_only.screen(text, lang)
    assert result.crisis == ("harm_to_baby_thoughts",)
    assert result.crisis_level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("idk how much longer i can keep going like this", "en"),
        ("no sé cuánto más pueda seguir así", "es"),
        ("не знаю, сколько ещё я так протяну", "ru"),
    ],
)
def test_not_knowing_how_much_longer_one_can_go_on_is_cannot_cope(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Doubting one can go on like this much longer is being unable to cope (M3, urgent)."""
    result = rules_only.screen(text, lang)
    assert result.crisis == ("cannot_cope",)
    assert result.crisis_level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mi mujer dice que ya no puede más", "es"),
        ("жена говорит, что больше не может так", "ru"),
    ],
)
def test_a_partner_who_cannot_go_on_is_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Told of a partner that she cannot take any more, the screen gives the crisis reply."""
    assert rules_only.screen(text, lang).crisis
