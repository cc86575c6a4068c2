"""Specification of obstetric red flags said in other words than the rules first knew, in en, es
and ru: a gush named before the blood, underwear wet again and again, Russian typed in Latin
letters, a side of the belly named without "side", shoulder-tip pain, pain peeing or pooing with a
positive test; and of look-alikes that are no red flag: a caesarean or tear stitch that is no
cervical stitch, a show at term, a leak said to be absent, "bleeding edge" and "white noise"."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("di a luz hace 12 días y de golpe salió un chorro grande de sangre", "es"),
        ("parto hace 2 semanas, la sangre sale a borbotones", "es"),
        ("родила 10 дней назад, и тут хлынула кровь", "ru"),
        ("после родов 2 недели, кровь идёт прямо потоком", "ru"),
    ],
)
def test_a_gush_of_blood_after_a_birth_is_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Blood that gushes or runs in a stream after a birth is heavy bleeding, an emergency (P1)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "heavy_bleeding" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("35 weeks, feel damp all morning and had to change my undies again", "en"),
        ("32 weeks, changed my underwear three times already today", "en"),
        ("36 semanas, noto humedad y ya van tres veces que me cambio las bragas", "es"),
        ("35 недель, сыро внизу, пришлось поменять трусы уже дважды", "ru"),
    ],
)
def test_underwear_wet_again_and_again_is_a_possible_leak(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Underwear that is wet again and again in pregnancy may be waters leaking (U2)."""
    result = rules_only.screen(text, lang)
    assert result.level == "urgent"
    assert "fluid_leak_or_waters" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("so much discharge in pregnancy, I change my knickers twice a day", "en"),
        ("20 semanas, me cambio las bragas dos veces al día por el flujo", "es"),
        ("24 недели, меняю трусы два раза в день из-за выделений", "ru"),
    ],
)
def test_changing_underwear_daily_is_no_leak(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Changing underwear a few times a day is a habit, not underwear wet again and again."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    "text",
    [
        "lots of watery discharge in pregnancy, no itch, not leaking",
        "mucho flujo líquido en el embarazo, sin picor, no es pérdida",
        "много жидких выделений при беременности, без зуда, не подтекает",
    ],
)
def test_a_leak_said_to_be_absent_is_no_leak(rules_only: SafetyScreen, text: str) -> None:
    """More discharge with a leak said to be absent is normal pregnancy discharge (N1)."""
    assert rules_only.screen(text).level is None


def test_a_leak_said_plainly_still_fires(rules_only: SafetyScreen) -> None:
    """A leak that is not denied is still a possible leak of the waters (U2)."""
    assert (
        "fluid_leak_or_waters" in rules_only.screen("33 weeks, pretty sure im leaking fluid").flags
    )


@pytest.mark.parametrize(
    "text",
    [
        "dvizheniya stali slabee, 31 nedelya",
        "rodila nedelyu nazad, krov hlynula potokom",
    ],
)
def test_russian_in_latin_letters_with_new_cue_words_is_read(
    rules_only: SafetyScreen, text: str
) -> None:
    """Russian typed in Latin letters is read as Russian when its cue words are verbs of change."""
    assert rules_only.screen(text, "ru").level is not None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("bfp on monday, sharp cramps on the left", "en"),
        ("positive test, a nagging ache down on the right", "en"),
        ("test positivo, me duele abajo a la izquierda", "es"),
        ("тест положительный, ноет слева", "ru"),
    ],
)
def test_a_side_named_without_side_is_one_sided_pain(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Pain "on the left" or "справа" is one-sided pain, a sign of a possible ectopic (U9)."""
    assert "possible_ectopic" in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("22 weeks, pain in my right breast", "en"),
        ("30 semanas, me duele la rodilla izquierda", "es"),
        ("30 недель, болит в левом колене", "ru"),
        ("it hurts right now when i bend down", "en"),
    ],
)
def test_the_side_of_a_limb_is_no_one_sided_belly_pain(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A right breast, a left knee or "right now" is no one-sided pain of the belly."""
    assert "possible_ectopic" not in rules_only.screen(text, lang).flags


def test_pain_at_the_top_of_the_shoulder_is_shoulder_tip_pain(rules_only: SafetyScreen) -> None:
    """ "Pain at the very top of my shoulder" with a late period is shoulder-tip pain (U9)."""
    result = rules_only.screen("period is late and a sharp pain at the very top of my shoulder")
    assert "possible_ectopic" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("period is 10 days late and it hurts when i pee", "en"),
        ("bfp last week and pooing is really painful", "en"),
        ("tengo un retraso y me duele al hacer pis", "es"),
        ("две полоски, больно какать", "ru"),
    ],
)
def test_pain_peeing_or_pooing_with_a_possible_pregnancy_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Pain peeing or pooing with a late period or positive test may be an ectopic (U9)."""
    result = rules_only.screen(text, lang)
    assert result.level == "urgent"
    assert "possible_ectopic" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("31 weeks pregnant and it hurts to poo, so constipated", "en"),
        ("38 недель, больно в туалет по-большому", "ru"),
    ],
)
def test_pain_pooing_late_in_pregnancy_is_no_ectopic(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Pain pooing late in pregnancy is not a sign of an ectopic (U9 is 4-12 weeks)."""
    assert "possible_ectopic" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("caesarean 4 weeks ago, bleeding has stopped and the stitches look fine", "en"),
        ("cesárea hace 4 semanas, ya no sangro y los puntos de la cicatriz bien", "es"),
        ("кесарево 4 недели назад, кровь больше не идет, шов на рубце чистый", "ru"),
    ],
)
def test_a_caesarean_stitch_is_no_cervical_stitch(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Caesarean stitches are no cervical stitch (U10); a past caesarean is after a birth."""
    assert rules_only.screen(text, lang).level is None


def test_a_cervical_stitch_with_bleeding_still_fires(rules_only: SafetyScreen) -> None:
    """A cervical stitch with bleeding in pregnancy is still urgent (U10)."""
    result = rules_only.screen("cerclage at 16 weeks, now 21 weeks and some bleeding")
    assert "stitch_with_symptoms" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the stitches where i tore are getting more sore every day and there's a bad smell", "en"),
        ("los puntos de la episiotomía cada día me duelen más y tienen mal olor", "es"),
        ("швы после эпизиотомии с каждым днем болят сильнее, и появился запах", "ru"),
    ],
)
def test_a_stitch_that_smells_or_hurts_more_each_day_is_a_wound_problem(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Tear or episiotomy stitches that smell or hurt more each day are a wound problem (P4)."""
    assert "wound_problem" in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("38 semanas, expulsé el tapón con hilitos rosados", "es"),
        ("39 недель, вышла пробка с розовыми прожилками", "ru"),
    ],
)
def test_a_pink_show_at_term_is_no_bleeding(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """A pink-streaked show at term is expected, not bleeding in pregnancy (as in English)."""
    assert rules_only.screen(text, lang).level is None


def test_a_pink_show_before_term_still_fires(rules_only: SafetyScreen) -> None:
    """A show before 37 weeks is still urgent (U5)."""
    assert (
        rules_only.screen("33 недели, вышла пробка с розовыми прожилками", "ru").level == "urgent"
    )


def test_the_bleeding_edge_and_white_noise_are_no_bleeding(rules_only: SafetyScreen) -> None:
    """ "Bleeding edge" and "white noise" are no bleeding, no pallor and no noose."""
    assert rules_only.screen("any bleeding edge gadgets that play white noise?").level is None


def test_bleeding_with_a_white_face_still_fires(rules_only: SafetyScreen) -> None:
    """Bleeding with a pale white face is still heavy bleeding (E1)."""
    result = rules_only.screen("8 weeks, bleeding and my face has gone white")
    assert "heavy_bleeding" in result.flags


def test_hurting_just_below_the_ribs_is_a_pre_eclampsia_sign(rules_only: SafetyScreen) -> None:
    """Pain said with a verb, "it hurts just below my ribs", late in pregnancy is U12."""
    result = rules_only.screen("36 weeks, it hurts just below my ribs on the right")
    assert "possible_pre_eclampsia" in result.flags


def test_a_rush_of_blood_after_a_birth_is_heavy_bleeding(rules_only: SafetyScreen) -> None:
    """ "A sudden surge of blood" ten days after a birth is heavy bleeding (P1)."""
    result = rules_only.screen("baby is 10 days old and i just had a sudden surge of blood")
    assert "heavy_bleeding" in result.flags


def test_a_rush_of_blood_to_the_head_is_no_bleeding(rules_only: SafetyScreen) -> None:
    """ "A rush of blood to the head" on standing is a head rush, not bleeding."""
    assert rules_only.screen("i get a rush of blood to my head when i get up").level is None


def test_wet_as_if_peeing_is_a_possible_leak(rules_only: SafetyScreen) -> None:
    """Feeling soaked as if peeing without meaning to may be waters leaking (U2)."""
    result = rules_only.screen("35 semanas, noto humedad como si se me escapara el pipí", "es")
    assert "fluid_leak_or_waters" in result.flags


def test_a_child_who_peed_on_the_writer_is_no_leak(rules_only: SafetyScreen) -> None:
    """A child who peed on the writer is no leak of the writer's waters."""
    assert rules_only.screen("el nene se hizo pipí y me dejó mojada", "es").level is None


def test_wet_underwear_in_latin_letters_is_read_as_russian(rules_only: SafetyScreen) -> None:
    """ "Postoyanno mokro v trusah" is Russian in Latin letters for underwear always wet (U2)."""
    result = rules_only.screen("35 nedel, postoyanno mokro v trusah", "ru")
    assert "fluid_leak_or_waters" in result.flags
