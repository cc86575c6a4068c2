"""Specification of a wish to be with a baby who died ("easier to go be with her", "хочется к
нему", "хочу к сыночку на небо"), a thought of suicide after a loss (E11/M3), and of wanting to
be with a living baby, a relative or a partner, which is no crisis."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("since the stillbirth i keep thinking it would be easier to go be with her", "en"),
        ("i want to be with my angel baby", "en"),
        ("part of me wants to join her, since she died", "en"),
        ("desde que perdí a mi bebé solo quiero irme con ella", "es"),
        ("quiero estar con mi angelito, ya no aguanto", "es"),
        ("pienso en reunirme con mi hijo que murió", "es"),
        ("после того как родила мёртвого ребенка хочется к нему", "ru"),
        ("хочу к своему сыночку на небо", "ru"),
        ("после выкидыша тянет к малышу", "ru"),
    ],
)
def test_a_wish_to_join_a_baby_who_died_is_a_suicidal_thought(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Wanting to be with a baby who died is a thought of suicide after a loss."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level == "emergency"
    assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i just want to be with my baby, shes in nicu and i'm stuck on the ward", "en"),
        ("my nan died last month, i want to be with her family for the funeral", "en"),
        ("since the miscarriage i want to be with him more, my husband is my rock", "en"),
        ("the angel costume for her nativity, i want to be with her on stage", "en"),
        ("quiero estar con mi bebé en la uci, me dejan?", "es"),
        ("хочу к малышу в реанимацию, пустят?", "ru"),
        ("хочу к маме на выходные с малышом", "ru"),
    ],
)
def test_wanting_to_be_with_someone_alive_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A baby in neonatal care, a family, a partner or a school play: no thought of harm."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("хочу к своему малышу", "ru"),
        ("хочу уйти к моему малышу", "ru"),
        ("хочу к ней, к моей доченьке", "ru"),
        ("i want to be with my baby", "en"),
        ("quiero estar con mi bebé", "es"),
    ],
)
def test_after_a_loss_a_wish_to_be_with_the_baby_needs_no_word_of_the_loss(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """With the stage known to be after a loss, wanting to be with or go to the baby is a
    thought of suicide though the loss is not named."""
    result = rules_only.screen(text, lang, "after_loss")
    assert result.crisis_level == "emergency"
    assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        ("хочу к ней на кладбище", "ru", "after_loss"),
        ("хочу к маме на выходные", "ru", "after_loss"),
        ("после выкидыша хочу к маме на выходные", "ru", "after_loss"),
        ("после выкидыша хочу к врачу сходить", "ru", "after_loss"),
        ("quiero estar con mi marido", "es", "after_loss"),
        ("хочу к своему малышу", "ru", "pregnant"),
        ("хочу к своему малышу", "ru", "postpartum"),
    ],
)
def test_a_grave_someone_alive_or_a_living_baby_is_no_wish_to_join(
    rules_only: SafetyScreen, text: str, lang: str, status: str
) -> None:
    """After a loss, going to the grave or to someone alive is no crisis; in pregnancy or
    after a birth, wanting to be with the baby is no crisis."""
    assert rules_only.screen(text, lang, status).crisis == ()
