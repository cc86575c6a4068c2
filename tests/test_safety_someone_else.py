"""Specification of a sign that is not the writer's or her pregnancy's (issue 14): a pet's birth
or fever or a partner's cut told by a writer who says she is well, blood in food, a small hurt
to a finger, a lip or a nipple, a blister on the foot. The same story with the writer's own
sign now still fires, and an everyday exclusion never hides it ("my dog gave birth and i'm
bleeding heavily")."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my cat had a fever last week and the vet sorted it, i'm fine, 28 weeks", "en"),
        ("the steak was still bloody in the middle, 14 weeks, is that a problem", "en"),
        ("pricked my finger on a pin, a bit of blood, 25 weeks", "en"),
        ("the baby bit my nipple while feeding and it bled a little", "en"),
        ("a mi gato le dio fiebre, ya está mejor. yo 26 semanas sin novedad", "es"),
        ("el pollo me salió crudo por dentro, sangrando, y lo tiré. 11 semanas", "es"),
        ("se me reventó una ampolla en el pie de tanto caminar, 30 semanas", "es"),
        ("порезала палец когда готовила, немного крови, 20 недель", "ru"),
        ("у кошки температура, возили к ветеринару, у меня всё хорошо, 25 недель", "ru"),
        ("стейк был с кровью, можно ли такое при беременности?", "ru"),
    ],
)
def test_a_sign_of_someone_or_something_else_is_no_red_flag(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A pet's, a partner's or a steak's blood or fever, or a cut finger, fires nothing."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my dog gave birth and i'm bleeding heavily", "en"),
        ("cut my finger and i'm bleeding from down there too, 20 weeks", "en"),
        ("ate a rare steak and now i'm bleeding, 10 weeks", "en"),
        ("my husband says there's a lot of blood on the sheets, i'm fine though, 12 weeks", "en"),
        ("my cat has a fever and i have a fever too, 30 weeks", "en"),
        ("mi perra parió y estoy sangrando mucho, 20 semanas", "es"),
        ("me corté el dedo y estoy sangrando por abajo, 15 semanas", "es"),
        ("comí un filete poco hecho y ahora tengo sangrado, 10 semanas", "es"),
        ("mi marido dice que hay mucha sangre en la cama, yo bien, 12 semanas", "es"),
        ("собака родила, а у меня сильное кровотечение, 20 недель", "ru"),
        ("порезала палец и у меня кровь из влагалища, 12 недель", "ru"),
        ("съела стейк с кровью и у меня кровотечение, 10 недель", "ru"),
        ("муж говорит что много крови на простыне, у меня всё хорошо, 12 недель", "ru"),
    ],
)
def test_the_writers_own_sign_beside_another_story_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The writer's own sign now, told beside someone else's or a small hurt, still fires."""
    assert rules_only.screen(text, lang).level is not None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my husband cut his hand fishing, blood everywhere, he taped it", "en"),
        ("my partner burnt his hand on the oven, there's a blister", "en"),
        ("my boyfriend cut himself shaving, bled a bit", "en"),
        ("mi marido se cortó la mano pescando, mucha sangre", "es"),
        ("mi pareja se quemó la mano con el horno", "es"),
        ("mi novio se cortó afeitándose esta mañana", "es"),
        ("муж на рыбалке порезал руку крючком, кровищи было, но уже заклеил", "ru"),
        ("муж обжёг руку о духовку, волдырь", "ru"),
        ("муж порезал палец, пока резал хлеб", "ru"),
    ],
)
def test_a_partners_own_cut_is_no_harm(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A partner who cut or burnt his own hand is no self-harm and no abuse."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("he cut his hand and then he hit me", "en"),
        ("my husband cut his hand and i cut my arm until it bled", "en"),
        ("mi marido me cortó con un cuchillo", "es"),
        ("mi marido se cortó la mano y después me pegó", "es"),
        ("муж порезал мне руку ножом", "ru"),
        ("муж порезал руку и ударил меня", "ru"),
    ],
)
def test_a_cut_done_to_the_writer_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A cut or a blow done to the writer, or her own cutting, still fires."""
    assert rules_only.screen(text, lang).level is not None
