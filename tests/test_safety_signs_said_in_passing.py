"""Specification of red flags said in everyday words, in en, es and ru: a show said as a glob that
came away, movements never felt or quieter than usual, pelvic pressure said as pressing down, a
stitch with something bulging, pain peeing with a temperature, heavy bleeding as "un montón", a
pale person about to fall, sepsis with a rash that does not fade, a trickle or a puddle of fluid,
smelly discharge after losing a baby, and a child who drank much of a syrup medicine; and of the
look-alikes each must leave alone."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


def _urgent_at_least(rules_only: SafetyScreen, text: str, lang: str, reason: str) -> None:
    result = rules_only.screen(text, lang)
    assert result.level in ("urgent", "emergency")
    assert reason in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("33 weeks, passed a huge snotty glob this morning", "en"),
        ("31 semanas, perdí como una gelatina enorme", "es"),
        ("32 недели, утром вышел огромный комок слизи", "ru"),
    ],
)
def test_a_glob_that_came_away_before_term_is_a_show(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A glob of mucus that came away before 37 weeks is a show, a sign of preterm labour (U5)."""
    _urgent_at_least(rules_only, text, lang, "show_before_37_weeks")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("im 25 weeks and have never felt the baby at all", "en"),
        ("my partner is 29 weeks and says baby is quieter than normal since this morning", "en"),
        ("30 semanas y el bebé está mucho más tranquilo de lo habitual", "es"),
        ("31 неделя, малыш сегодня спокойнее, чем обычно", "ru"),
    ],
)
def test_movements_never_felt_or_quieter_than_usual_are_reduced_movements(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """No movement ever felt, or a baby quieter than usual, is reduced movements (U6)."""
    _urgent_at_least(rules_only, text, lang, "reduced_fetal_movements")


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        ("my 4 day old is quieter than usual today", "en", "postpartum"),
        ("33 weeks, baby kicking more than usual this evening", "en", "pregnant"),
        ("mi recién nacido está más tranquilo de lo normal", "es", "postpartum"),
    ],
)
def test_a_newborn_calmer_than_usual_or_a_busier_bump_is_no_reduced_movements(
    rules_only: SafetyScreen, text: str, lang: str, status: str
) -> None:
    """A newborn calmer than usual, or a baby kicking more, is no sign of reduced movements."""
    assert "reduced_fetal_movements" not in rules_only.screen(text, lang, status).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("18 weeks and something is pressing down low in my pelvis", "en"),
        ("20 semanas y noto que algo empuja hacia abajo", "es"),
        ("21 неделя, давление в тазу и тянет", "ru"),
    ],
)
def test_pressing_down_mid_pregnancy_is_pelvic_pressure(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A feeling of pressing down in mid-pregnancy is pelvic pressure, urgent (U11)."""
    _urgent_at_least(rules_only, text, lang, "possible_preterm_labour")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i have a cerclage and it feels like a lump is coming down", "en"),
        ("tengo cerclaje y noto algo que se abulta abajo", "es"),
        ("стоит серкляж, и что-то будто выпячивается", "ru"),
    ],
)
def test_something_bulging_with_a_stitch_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Something bulging or coming down with a cervical stitch in place is urgent (U10)."""
    _urgent_at_least(rules_only, text, lang, "stitch_with_symptoms")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("26 weeks, it hurts to wee and im at 38.5", "en"),
        ("27 semanas, me duele al orinar y tengo 38", "es"),
        ("28 недель, больно писать и 38.2", "ru"),
    ],
)
def test_pain_peeing_with_a_temperature_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Pain peeing together with a temperature in pregnancy is urgent (U13)."""
    _urgent_at_least(rules_only, text, lang, "fever_or_infection")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("38 weeks and it hurts a little when i pee", "en"),
        ("38 semanas y me duele un poco al orinar", "es"),
        ("38 недель, немного больно писать", "ru"),
    ],
)
def test_a_week_of_pregnancy_is_no_temperature(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """ "38 weeks" beside pain peeing is a week of pregnancy, not a temperature (S5)."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("28 semanas, me salió un montón de sangre de golpe", "es"),
        ("32 semanas, sangre roja y me manché hasta los zapatos", "es"),
        ("30 weeks and i bled through to my socks", "en"),
        ("30 недель, вдруг пошла куча крови", "ru"),
    ],
)
def test_lots_of_blood_said_in_slang_is_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A heap of blood, or blood down to the shoes, in pregnancy is heavy bleeding (E1)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "heavy_bleeding" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("estoy embarazada, me duele la panza y siento que me voy a caer", "es"),
        ("está embarazada, sangra un poco y está pálida", "es"),
        ("беременна, болит живот и она бледная", "ru"),
        ("у жены кровь, и она белая как мел", "ru"),
    ],
)
def test_looking_pale_or_about_to_collapse_with_pain_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Pain or bleeding with looking very pale or about to collapse is an emergency (E2)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "fainting_collapse_or_fit" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("20 semanas, flujo blanco y me duele un poco la panza", "es"),
        ("con el estrés se me va a caer el pelo", "es"),
        ("белые выделения и немного тянет живот", "ru"),
        ("бледно-розовые выделения и немного болит живот", "ru"),
    ],
)
def test_white_discharge_or_falling_hair_is_no_collapse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """White or pale discharge with a mild ache, and hair that falls out, are no collapse."""
    assert "fainting_collapse_or_fit" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("baby came 4 days ago, blotchy rash, pressed a glass on it and can still see it", "en"),
        ("cesárea hace una semana, unas manchas que no desaparecen con un vaso", "es"),
        ("после родов 5 дней, горю, и сыпь, стакан прижала — не бледнеет", "ru"),
    ],
)
def test_a_rash_that_does_not_fade_is_possible_sepsis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A rash that does not fade (the glass test) with a fever is possible sepsis (E8)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "possible_sepsis" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("34 недели, потекла струйка по ноге", "ru"),
        ("36 недель, проснулась — лужица прозрачной жидкости на простыне", "ru"),
    ],
)
def test_a_trickle_or_a_puddle_of_fluid_is_a_possible_leak(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A trickle, or a puddle of clear fluid, in pregnancy may be the waters (U2, U4)."""
    _urgent_at_least(rules_only, text, lang, "fluid_leak_or_waters")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("we lost our baby last month and now the discharge smells awful", "en"),
        ("потеряла малыша на 16 неделе, теперь выделения с неприятным запахом", "ru"),
    ],
)
def test_smelly_discharge_after_losing_a_baby_is_an_infection_sign(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Smelly discharge after losing a baby is a sign of infection, urgent (L3)."""
    _urgent_at_least(rules_only, text, lang, "fever_or_infection")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my daughter drank the whole bottle of cough syrup", "en"),
        ("дочка выпила весь флакон сиропа от кашля", "ru"),
    ],
)
def test_a_child_who_drank_much_of_a_syrup_is_a_poisoning(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A child who drank a large amount of a syrup medicine is a poisoning emergency (M1)."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level == "emergency"
    assert "child_poisoning" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("сын выпил полбутылки сока", "ru"),
        ("mi hijo se tomó media botella de zumo", "es"),
    ],
)
def test_a_child_who_drank_half_a_bottle_of_a_drink_is_no_poisoning(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A child who drank half a bottle of a drink has swallowed no medicine."""
    assert "child_poisoning" not in rules_only.screen(text, lang).crisis
