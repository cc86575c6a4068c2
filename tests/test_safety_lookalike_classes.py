"""Specification of look-alike classes that are no red flag (issue 14): the Russian word for a
bed ("кровать") is no blood, a question what a sign feels, looks or smells like asked out of
interest, and a story in the news asked how it happens. The same words with the writer's own
sign now still fire."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "кровать вся мокрая после того как ребенок пролил сок",
        "купили новую кровать, матрас весь в пленке",
    ],
)
def test_a_bed_is_no_blood(rules_only: SafetyScreen, text: str) -> None:
    """ "Кровать" (a bed) is not read as "кровь" (blood): no heavy bleeding."""
    assert "heavy_bleeding" not in rules_only.screen(text, "ru").flags


@pytest.mark.parametrize(
    "text",
    [
        "кровь на простыне, вся мокрая",
        "кров идет сильно, 10 недель",
        "krov idet silno",
    ],
)
def test_blood_said_in_any_form_still_fires(rules_only: SafetyScreen, text: str) -> None:
    """Blood soaking the sheets, or written without its soft sign or in Latin letters, is
    still heavy bleeding (E1)."""
    assert rules_only.screen(text, "ru").level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("just curious what waters breaking feels like", "en"),
        ("solo por saber, ¿a qué huelen las aguas cuando se rompen?", "es"),
        ("просто интересно, как ощущается отхождение вод", "ru"),
    ],
)
def test_asking_what_a_sign_feels_like_out_of_interest_is_no_sign(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A question what a sign feels or smells like, asked out of interest, is no leak."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my waters are leaking, what does it feel like when they break fully?", "en"),
        ("se me rompió la fuente, ¿a qué huele normalmente?", "es"),
        ("у меня подтекают воды, на что похоже?", "ru"),
    ],
)
def test_asking_what_it_feels_like_beside_ones_own_leak_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The writer's own leak now, asked about in the same words, is still a leak (U2)."""
    assert rules_only.screen(text, lang).level is not None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "a story in the news of a mum who had a seizure in labour, how does that happen?",
            "en",
        ),
        ("vi en las noticias una mujer que convulsionó en el parto, ¿cómo pasa eso?", "es"),
    ],
)
def test_a_news_story_asked_how_it_happens_is_no_sign(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A fit in a news story, asked how it happens, is not the writer's fit."""
    assert rules_only.screen(text, lang).level is None


def test_a_news_story_beside_ones_own_fit_still_fires(rules_only: SafetyScreen) -> None:
    """The writer's own fit after a news story is still a fit (E3)."""
    text = "saw on the news a woman had a seizure in labour, how does that happen? i just had a fit"
    assert rules_only.screen(text, "en").level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("watched a birth on tv, so much blood everywhere, is that realistic?", "en"),
        ("vi un parto en una serie, cuánta sangre, ¿es de verdad así?", "es"),
        ("вчера смотрела роды в сериале, столько крови, так бывает? просто интересно", "ru"),
    ],
)
def test_a_sign_told_between_a_story_on_screen_and_the_question_is_the_storys(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Blood told between a birth on screen and "is that real?" is the story's, not the writer's."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    "text",
    [
        "watched a birth on tv. bleeding heavily at 30 weeks. is that realistic?",
        "watched a birth on tv, now bleeding heavily, is that realistic?",
    ],
)
def test_a_sign_with_a_week_or_now_between_story_and_question_still_fires(
    rules_only: SafetyScreen, text: str
) -> None:
    """A week or "now" between the story and the question makes the bleeding the writer's (E1)."""
    assert rules_only.screen(text, "en").level == "emergency"


def test_a_panic_attack_that_passed_is_no_abuse(rules_only: SafetyScreen) -> None:
    """A panic attack is an attack of panic, not a person attacking the writer."""
    text = "i'm ok now, the panic attack passed and i'm breathing normally"
    assert rules_only.screen(text, "en").level is None


def test_being_attacked_beside_a_panic_attack_still_fires(rules_only: SafetyScreen) -> None:
    """A person attacking the writer right now is abuse in danger (M2) beside a panic attack."""
    text = "he is attacking me right now and i'm having a panic attack"
    assert rules_only.screen(text, "en").crisis_level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("se me cayó el vaso de agua en la cama, todo empapado jaja", "es"),
        ("разлила стакан воды на кровать, всё мокрое", "ru"),
    ],
)
def test_a_drink_spilt_on_the_bed_is_no_leak(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A glass of water spilt on the bed is household water, not waters breaking."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("se me cayó el vaso en la cama y además me sale líquido, la ropa empapada", "es"),
        ("пролила чай, а у меня ещё воды подтекают, трусы мокрые", "ru"),
    ],
)
def test_a_leak_beside_a_spilt_drink_still_fires(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """The writer's own fluid leaking, beside a spilt drink, is still a leak (U2)."""
    assert rules_only.screen(text, lang).level == "urgent"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("at what point should i worry about bleeding? just curious", "en"),
        ("¿en qué casos el sangrado es peligroso? solo por saber", "es"),
        ("при каких выделениях надо ехать в роддом? просто интересно", "ru"),
        ("в каких случаях кровотечение опасно? заранее спрашиваю", "ru"),
    ],
)
def test_asking_in_which_cases_a_sign_matters_for_later_is_no_sign(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A question when a sign calls for care, asked for later, is no sign now."""
    assert rules_only.screen(text, lang).level is None


def test_asking_in_which_cases_beside_ones_own_bleeding_still_fires(
    rules_only: SafetyScreen,
) -> None:
    """Bleeding now, told after the same question, is still bleeding (U1)."""
    text = "при каких выделениях надо ехать в роддом? у меня сейчас кровь идет"
    assert rules_only.screen(text, "ru").level is not None
