"""Specification of crisis messages said in ways the rules missed, and of their harmless
look-alikes (issue 14, session crisis22): a goodbye relayed by a partner whose phone is then
off, "не могу больше" told with a word between, joining a baby at a grave with a second cue of
staying, a denial of thoughts of harm after "но", and jokes about pain that are no crisis."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "my gf is 3 weeks pp and she just texted me 'sorry for everything, look after him' "
        "and now her phone is off",
        "my wife sent me a text saying goodbye and she isnt answering her phone",
        "wife left a voicemail saying sorry for all of it, look after the kids. phone off now",
        'mi esposa me escribió "perdón por todo, cuida al niño" y ahora tiene el teléfono apagado',
        "mi novia me mandó un audio despidiéndose, perdóname, y no contesta el celular",
        'жена написала "прости за всё, береги сына" и теперь телефон выключен',
    ],
)
def test_a_relayed_goodbye_with_her_phone_off_is_an_emergency(
    rules_only: SafetyScreen, text: str
) -> None:
    """A farewell she sent, then no way to reach her, is E11 by the rules alone."""
    result = rules_only.screen(text)
    assert result.crisis_level == "emergency"
    assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "she texted that everything is fine, phone on low battery so wont answer",
        "my wife texted sorry she'll be late, phone on 2% so might not answer",
        "me escribió que todo bien, el celular se le apagó",
        "написала что всё хорошо, телефон выключен",
    ],
)
def test_an_everyday_text_before_a_flat_phone_is_no_goodbye(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Sorry I'm late' or 'all fine' before a flat battery fires no crisis rule."""
    assert not rules_only.screen(text).crisis


@pytest.mark.parametrize(
    "text", ["не могу больше", "не могу сейчас больше", "не могу я больше, всё"]
)
def test_cannot_go_on_said_with_a_word_between_is_not_coping(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Не могу (сейчас) больше' is M3 as 'больше не могу' is."""
    assert "cannot_cope" in rules_only.screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "не могу больше есть, тошнит",
        "не могу больше чем 50 мл сцедить",
        "не могу больше часа сидеть",
    ],
)
def test_no_more_of_an_amount_or_a_time_is_not_coping(rules_only: SafetyScreen, text: str) -> None:
    """More food, millilitres or an hour is an amount, not being unable to go on."""
    assert not rules_only.screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "хочу к своему малышу, на кладбище пойду и там останусь",
        "хочу к сыночку на кладбище, и не вернусь",
        "хочу к ней на кладбище, лягу рядом и не встану",
        "i want to be with my baby, going to the grave tonight and staying there forever",
        "quiero estar con mi bebé, iré al cementerio y me quedaré con él para siempre",
    ],
)
def test_staying_at_the_grave_for_ever_is_an_emergency_whatever_the_stage(
    rules_only: SafetyScreen, text: str
) -> None:
    """A grave beside staying for ever or not coming back is E11: the grave hides nothing."""
    for status in (None, "after_loss"):
        result = rules_only.screen(text, status=status)
        assert result.crisis_level == "emergency"
        assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "хочу к малышу на кладбище в выходные",
        "i want to be with my baby at the cemetery on her birthday",
        "я к нему не вернусь после того как он меня ударил",
    ],
)
def test_visiting_a_grave_or_leaving_a_partner_is_no_thought_of_suicide(
    rules_only: SafetyScreen, text: str
) -> None:
    """A visit to the grave, or not going back to a violent partner, is no thought of harm."""
    assert "thoughts_of_harm" not in rules_only.screen(text, status="after_loss").crisis


@pytest.mark.parametrize(
    "text",
    [
        "третью неделю грустно и тревожно после родов, мыслей навредить себе нет",
        "грустно после родов, нет мыслей навредить себе",
    ],
)
def test_thoughts_of_self_harm_denied_in_russian_are_no_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Мыслей навредить себе нет' denies the thoughts: low mood goes to the FAQ (M6)."""
    assert not rules_only.screen(text).crisis


def test_a_denial_taken_back_still_fires(rules_only: SafetyScreen) -> None:
    """'Мыслей навредить себе нет, но иногда хочется исчезнуть' keeps the alarm."""
    assert rules_only.screen("мыслей навредить себе нет, но иногда хочется исчезнуть").crisis


@pytest.mark.parametrize(
    "text",
    [
        "tengo ganas de morir con estos cólicos jaja",
        "me quiero morir con estos cólicos jajaja",
        "i want to die with these cramps lol",
        "хочется умереть с этими месячными хаха",
    ],
)
def test_a_joke_about_dying_of_pain_is_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """Dying 'with these cramps' in a joking tone is a figure of speech, as 'of the pain' is."""
    assert not rules_only.screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "tengo ganas de morir con estos cólicos",
        "tengo ganas de morir con estos cólicos jaja, en serio ya no aguanto",
        "i want to die with these cramps lol but seriously i cant anymore",
    ],
)
def test_the_same_words_in_earnest_still_fire(rules_only: SafetyScreen, text: str) -> None:
    """Without a joking tone, or with 'seriously' or not coping, the wish to die fires."""
    assert "thoughts_of_harm" in rules_only.screen(text).crisis


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("since my miscarriage i feel like everyone would be better off", "thoughts_of_harm"),
        ("после выкидыша не вижу смысла", "cannot_cope"),
        ("не вижу смысла ни в чём", "cannot_cope"),
        ("потеряла малыша, пусть всё закончится", "cannot_cope"),
        ("perdí a mi bebé y quiero que todo se acabe", "cannot_cope"),
    ],
)
def test_hopelessness_after_a_loss_is_a_crisis(
    rules_only: SafetyScreen, text: str, reason: str
) -> None:
    """Everyone better off, no point, or everything to end: a crisis by the rules alone."""
    assert reason in rules_only.screen(text, status="after_loss").crisis


@pytest.mark.parametrize(
    "text",
    [
        "the baby would be better off with formula honestly",
        "не вижу смысла покупать коляску сейчас",
        "скорее бы всё закончилось, токсикоз замучил",
        "quiero que todo se acabe ya, 40 semanas y sin contracciones",
    ],
)
def test_an_everyday_better_off_or_wish_for_an_end_is_no_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """Formula, a pram not worth buying, sickness or a long wait to end: no crisis."""
    assert not rules_only.screen(text).crisis
