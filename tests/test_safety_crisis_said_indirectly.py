"""Specification of crisis messages said indirectly, in ru, es and en (issue 14): a wish not to wake
prayed or hoped for, a family better off without the writer, a method searched for beside words of
ending, not living any more, a farewell, an urge to throw a child at a wall, a child found with an
emptied pack, a partner who locks the writer in, days without sleep with strange talk after a birth;
and of their look-alikes, which stay quiet: a night feed, a plaster, a baby put to sleep, a flat, a
phone borrowed for a game, a packet of biscuits, a baby with colic."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("some nights im hoping this is the last time i wake up", "en"),
        ("ojalá no despertar mañana", "es"),
        ("rezo cada noche para no despertar", "es"),
        ("каждый вечер молюсь чтобы не проснуться", "ru"),
    ],
)
def test_a_wish_not_to_wake_is_a_thought_of_suicide(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A wish not to wake up, hoped or prayed for, is a thought of suicide (E11)."""
    result = rules_only.screen(text, lang)
    assert "thoughts_of_harm" in result.crisis
    assert result.crisis_level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("hoping tonight is the last time i wake up at 3am for a feed", "en"),
        ("espero no despertar al bebé cuando llegue", "es"),
        ("ojalá no despertar a mi marido con el llanto", "es"),
    ],
)
def test_not_waking_for_a_feed_or_waking_someone_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Hoping not to wake for a feed, or not to wake the baby or a husband, is no crisis."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("им без меня будет легче", "ru"),
        ("муж и дети без меня проживут лучше", "ru"),
        ("мужу без меня будет проще", "ru"),
    ],
)
def test_a_family_better_off_without_the_writer_is_a_thought_of_suicide(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A family said to be better off without the writer, "without me" first, is a crisis."""
    assert "thoughts_of_harm" in rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("мужу без меня проще уложить сына, он чует молоко", "ru"),
        ("без меня им будет скучно", "ru"),
    ],
)
def test_a_baby_settled_without_its_mother_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A baby settled more easily without its mother, or a family bored without her, is fine."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("googled the quickest way to end it", "en"),
        ("been reading about how many sleeping pills would do it", "en"),
        ("how to do it quickly and painlessly, i cant go on", "en"),
        ("busqué en google la forma más rápida de morir", "es"),
        ("como hacerlo rapido y sin dolor no quiero seguir", "es"),
        ("cuantas pastillas hacen falta para no despertar", "es"),
        ("искала в интернете как быстро умереть", "ru"),
    ],
)
def test_a_method_searched_beside_words_of_ending_is_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A method searched for beside words of ending or of not going on is an emergency (E11)."""
    result = rules_only.screen(text, lang)
    assert "thoughts_of_harm" in result.crisis
    assert result.crisis_level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("how to remove a plaster quickly without pain", "en"),
        ("quickest way to end it with my ex?", "en"),
        ("whats the quickest way to end a feed when shes just comfort sucking", "en"),
        ("is a painless labour possible? im so tired already", "en"),
        ("painless teething remedies? im done with the crying", "en"),
        ("googled how long it takes for stitches to dissolve", "en"),
        ("cómo quitar una tirita rápido y sin dolor", "es"),
        ("cómo hacerlo sin dolor? el parto quiero decir", "es"),
        ("la forma menos dolorosa de parir, estoy cansada de leer", "es"),
        ("cuantas pastillas de paracetamol puedo tomar al dia", "es"),
        ("как быстро и без боли снять пластырь", "ru"),
        ("как быстро уснуть малышу", "ru"),
    ],
)
def test_a_quick_or_painless_way_to_do_an_ordinary_thing_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A quick or painless way to take off a plaster, give birth or settle a baby is no crisis."""
    assert rules_only.screen(text, lang).crisis == ()


def test_a_fast_way_to_get_a_baby_to_sleep_is_no_thought_of_suicide(
    rules_only: SafetyScreen,
) -> None:
    """The fastest way to get a baby to sleep, said while not coping, is no plan (M3 at most)."""
    result = rules_only.screen("la forma más rápida de hacerlo dormir, ya no puedo más", "es")
    assert "thoughts_of_harm" not in result.crisis


def test_not_being_able_to_live_any_more_is_a_thought_of_suicide(
    rules_only: SafetyScreen,
) -> None:
    """Saying "не могу больше жить" (I cannot live any more) is a thought of suicide."""
    assert "thoughts_of_harm" in rules_only.screen("не могу больше жить", "ru").crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("прощайте все, спасибо за все", "ru"),
        ("я попрощалась с мамой, больше не могу", "ru"),
    ],
)
def test_a_farewell_is_a_crisis(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A farewell to everyone, or a goodbye said with not coping, is an emergency (E11)."""
    assert rules_only.screen(text, lang).crisis_level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("прощайте мои сорок недель, завтра кесарево", "ru"),
        ("попрощалась с мамой на вокзале, не могу перестать плакать", "ru"),
        ("me despedí de mi madre en el aeropuerto, no puedo parar de llorar", "es"),
    ],
)
def test_a_goodbye_to_a_pregnancy_or_at_a_station_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A goodbye to the weeks of pregnancy, or to a mother at a station, is no crisis."""
    assert rules_only.screen(text, lang).crisis == ()


def test_an_urge_to_throw_a_child_at_a_wall_is_a_thought_of_harm(
    rules_only: SafetyScreen,
) -> None:
    """An urge to throw the crying child at a wall is a thought of harming the baby."""
    result = rules_only.screen("иногда хочется бросить его об стену когда орет", "ru")
    assert "harm_to_baby_thoughts" in result.crisis


def test_an_urge_to_throw_a_phone_at_a_wall_is_no_crisis(rules_only: SafetyScreen) -> None:
    """An urge to throw a misbehaving phone at a wall is no crisis."""
    assert rules_only.screen("телефон глючит, хочется бросить его об стену", "ru").crisis == ()


def test_a_child_found_with_an_empty_blister_is_a_poisoning(rules_only: SafetyScreen) -> None:
    """A child found with an emptied blister pack is a poisoning (M1)."""
    result = rules_only.screen("encontré a mi niño con el blíster vacío", "es")
    assert "child_poisoning" in result.crisis


def test_a_child_found_with_an_empty_biscuit_box_is_no_crisis(rules_only: SafetyScreen) -> None:
    """A child found with an emptied box of biscuits is no crisis."""
    result = rules_only.screen("encontré a mi niño con la caja de galletas vacía", "es")
    assert result.crisis == ()


def test_a_partner_who_locks_the_writer_in_is_abuse(rules_only: SafetyScreen) -> None:
    """A partner who locks the writer in at home is domestic abuse (M5 at least)."""
    assert rules_only.screen("me encierra en casa", "es").crisis_level in {"urgent", "emergency"}


@pytest.mark.parametrize(
    "text",
    ["me encierro en casa todo el día con el bebé", "mi pareja me quita el móvil para jugar"],
)
def test_staying_in_or_a_phone_borrowed_for_a_game_is_no_abuse(
    rules_only: SafetyScreen, text: str
) -> None:
    """Staying in by choice, or a phone taken for a game, is no abuse."""
    assert rules_only.screen(text, "es").crisis == ()


def test_days_without_sleep_and_strange_talk_after_a_birth_is_possible_psychosis(
    rules_only: SafetyScreen,
) -> None:
    """A wife who has not slept for days and says the baby is not hers is a sign of psychosis."""
    text = "mi esposa no duerme desde hace 3 días y dice que el bebé no es suyo"
    assert "postpartum_psychosis" in rules_only.screen(text, "es").crisis


def test_a_wife_kept_up_by_a_baby_with_colic_is_no_psychosis(rules_only: SafetyScreen) -> None:
    """A wife kept up three nights by the baby's colic is no sign of psychosis."""
    text = "mi esposa no duerme hace 3 noches por los cólicos del bebé"
    assert rules_only.screen(text, "es").crisis == ()


def test_a_partner_with_a_knife_is_abuse_in_immediate_danger(rules_only: SafetyScreen) -> None:
    """A partner said to have a knife ("у него нож") is abuse in immediate danger (M2)."""
    result = rules_only.screen("у него нож, говорит что если уйду будет плохо", "ru")
    assert "abuse_danger" in result.crisis


def test_a_knife_in_a_kitchen_drawer_is_no_abuse(rules_only: SafetyScreen) -> None:
    """A knife named without anyone holding it is no abuse."""
    assert rules_only.screen("у нее нож для сыра тупой, какой купить", "ru").crisis == ()
