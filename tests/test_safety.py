"""Specification of the red-flag screen that runs before FAQ matching on every free-text message."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.catalog.faq_content import load_safety, safety_data
from bot.catalog.files import CONTENT_DIR
from bot.domain.safety import SafetyScreen, build_screen


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


@pytest.fixture(scope="module")
def raw_rules() -> dict[str, Any]:
    data = safety_data(CONTENT_DIR)
    assert isinstance(data, dict)
    return data


EMERGENCIES = [
    "severe headache and blurred vision at 34 weeks",
    "bleeding really heavy and passing big clots, 9 weeks",
    "ive soaked through 3 pads in an hour",
    "so much blood, it wont stop",
    "blood clots the size of a golf ball",
    "bleedin heavly and feel like im gonna faint",
    "i fainted in the bathroom and theres blood",
    "she collapsed and is not responding",
    "my partner is having a seizure, 34 weeks pregnant",
    "excrutiating pain in my tummy and one side",
    "severe stomach pain that comes with bleeding",
    "i can feel the cord between my legs",
    "waters went and theres something hanging out, looks like the cord",
    "i need to push and can see the babys head",
    "fever 39 and i feel confused and cant breathe properly",
    "had a tampon in for days, high fever and a sunburn rash",
    "i want to end my life",
    "been having thoughts of hurting my baby",
    "i think about harming the baby sometimes",
    "sangrado abundante con coagulos",
    "me desmaye y estoy sangrando",
    "siento el cordon fuera",
    "quiero quitarme la vida",
    "сильное кровотечение, много крови",
    "потеряла сознание на 20 неделе",
    "не хочу жить",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency_language_gives_emergency(screen: SafetyScreen, text: str) -> None:
    """Heavy bleeding, fainting, fits, severe pain, cord, birth, sepsis, self-harm: emergency."""
    assert screen.screen(text, "en").level == "emergency"


URGENT = [
    "bit of spotting at 8 weeks",
    "pregnant and brownish discharge this morning",
    "light pink when i wipe, 12 wks",
    "i think my waters have gone",
    "my water just broke at 39 weeks",
    "my pants keep getting wet, 33 weeks",
    "clear fluid trickling down my leg",
    "baby hasnt moved since last night",
    "fewer kicks than normal today",
    "38.2 temperature and shivery",
    "lost my mucus plug at 31 weeks",
    "contractions every 6 minutes",
    "tightenings at 32 weeks",
    "shoulder tip pain and a positive test",
    "i have a cerclage and now some bleeding",
    "new blisters down there at 30 weeks",
    "contarctions at 33 weeks",
    "estoy manchando un poco, 7 semanas",
    "se me rompio la fuente",
    "mi bebe se mueve menos",
    "кровянистые выделения на 10 неделе",
    "ребенок почти не шевелится",
    "температура 38 и озноб",
]


@pytest.mark.parametrize("text", URGENT)
def test_urgent_language_gives_urgent(screen: SafetyScreen, text: str) -> None:
    """Bleeding, leaks, fewer movements, fever, preterm signs and the like need a call today."""
    assert screen.screen(text, "en").level == "urgent"


QUIET = [
    "hi",
    "thanks so much",
    "what is cervical mucus",
    "ewcm today, ttc",
    "is it normal to have creamy discharge",
    "my bbt temp rose after ovulation",
    "i have a blood test tomorrow",
    "my gums bleed when i brush",
    "is this a fertile day",
    "whats the weather in manchester",
    "how do i get rid of spots on my chin",
    "will sex hurt the baby",
    "can thrush harm my baby",
    "my cervix is short",
    "el cuello del utero corto",
    "lost my plug at 39 weeks",
    "спасибо",
]


@pytest.mark.parametrize("text", QUIET)
def test_everyday_messages_do_not_fire(screen: SafetyScreen, text: str) -> None:
    """Messages without a red flag give no level, so ordinary questions are not alarmed."""
    assert screen.screen(text, "en").level is None


def test_negated_bleeding_does_not_fire(screen: SafetyScreen) -> None:
    """ "no bleeding" says the sign is absent."""
    assert screen.screen("no bleeding, just creamy discharge", "en").level is None


def test_negated_heavy_bleeding_still_counts_as_bleeding(screen: SafetyScreen) -> None:
    """ "not bleeding heavily but spotting" is not an emergency but still urgent."""
    assert screen.screen("not bleeding heavily, just spotting", "en").level == "urgent"


def test_little_bleeding_is_not_negated(screen: SafetyScreen) -> None:
    """ "not much blood" is still blood."""
    assert screen.screen("not much blood, just a smear", "en").level == "urgent"


def test_negation_never_hides_self_harm(screen: SafetyScreen) -> None:
    """Self-harm rules are not negatable: a negation word nearby never silences them."""
    assert screen.screen("not gonna lie, i want to kill myself", "en").level == "emergency"


def test_week_rule_fires_before_37_weeks(screen: SafetyScreen) -> None:
    """A lost plug is a preterm sign before 37 weeks."""
    result = screen.screen("lost my plug, 35+4", "en")
    assert "show_before_37_weeks" in result.flags


def test_duration_in_weeks_is_not_a_pregnancy_week(screen: SafetyScreen) -> None:
    """ "2 weeks ago" is a duration, so the before-37-weeks rule has no week to go on."""
    assert screen.screen("lost my plug 2 weeks ago", "en").level is None


def test_language_label_never_hides_a_red_flag(screen: SafetyScreen) -> None:
    """Every language's rules apply whatever lang says."""
    assert screen.screen("hemorragia muy fuerte", "ru").level == "emergency"


def test_missing_language_is_screened(screen: SafetyScreen) -> None:
    """A message without a language is screened with every rule."""
    assert screen.screen("кровотечение", None).level == "urgent"


def test_red_flag_at_the_end_of_a_long_message_counts(screen: SafetyScreen) -> None:
    """The screen reads the whole Telegram-sized message, not just its start."""
    text = "so today was a long day at work and then " * 90 + "now im bleeding heavily"
    assert len(text) <= 4096
    assert screen.screen(text, "en").level == "emergency"


def test_invisible_characters_do_not_hide_a_red_flag(screen: SafetyScreen) -> None:
    """Zero-width and bidi characters are stripped before matching."""
    assert screen.screen("blee\u200bding hea\u202evily", "en").level == "emergency"


def test_stretched_letters_are_understood(screen: SafetyScreen) -> None:
    """ "bleeeeding" is "bleeding"."""
    assert screen.screen("bleeeeeding", "en").level == "urgent"


def test_flags_list_most_urgent_reason_first(screen: SafetyScreen) -> None:
    """Reasons come most urgent first, so the call to action matches the level."""
    result = screen.screen("spotting and now i fainted", "en")
    assert result.level == "emergency"
    assert result.flags[0] == "fainting_collapse_or_fit"
    assert "bleeding_in_pregnancy" in result.flags


def test_known_words_are_not_read_as_misspellings(raw_rules: dict[str, Any]) -> None:
    """A real word given as known is never corrected into a red-flag word."""
    data = copy.deepcopy(raw_rules)
    data["known_words"] = []
    loose = build_screen(data)
    strict = build_screen(data, known_words=["fertile"])
    assert loose.screen("fertile", "en").level == "urgent"  # one edit from "febrile"
    assert strict.screen("fertile", "en").level is None


def test_rules_with_regex_syntax_are_rejected(raw_rules: dict[str, Any]) -> None:
    """Patterns are plain words; anything regex-like is refused at load time."""
    data = copy.deepcopy(raw_rules)
    data["rules"][0]["patterns"]["en"] = ["(a+)+b"]
    with pytest.raises(ValidationError):
        build_screen(data)


def test_rules_must_cover_their_languages(raw_rules: dict[str, Any]) -> None:
    """A rule's patterns must exist for exactly the languages it declares."""
    data = copy.deepcopy(raw_rules)
    del data["rules"][0]["patterns"]["ru"]
    with pytest.raises(ValidationError):
        build_screen(data)


def test_duplicate_rule_ids_are_rejected(raw_rules: dict[str, Any]) -> None:
    """Rule ids are unique."""
    data = copy.deepcopy(raw_rules)
    data["rules"].append(copy.deepcopy(data["rules"][0]))
    with pytest.raises(ValidationError):
        build_screen(data)


def test_screening_is_deterministic(screen: SafetyScreen) -> None:
    """The same text always gives the same verdict."""
    text = "waters broke, green, and baby quiet, 36 weeks"
    assert {screen.screen(text, "en") for _ in range(5)} == {screen.screen(text, "en")}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gives_a_valid_verdict(screen: SafetyScreen, text: str) -> None:
    """Arbitrary Unicode never crashes the screen and gives a known level."""
    result = screen.screen(text, None)
    assert result.level in (None, "urgent", "emergency")
    assert (result.level is None) == (not result.flags)


@pytest.mark.parametrize(
    "text",
    [
        "mancho rojo",
        "tengo ampollitas y llaguitas, 30 semanas",
        "el líquido que me sale es verde",
        "tengo fiebrecita y flujo con olor",
        "у беременной начались судороги",
        "хочу умереть",
        "потекла вода, 35 недель",
        "ребенок меньше толчков сегодня",
    ],
)
def test_everyday_spanish_and_russian_red_flags_fire(screen: SafetyScreen, text: str) -> None:
    """Everyday Spanish and Russian phrasings of red flags reach urgent or emergency."""
    assert screen.screen(text, "es").level in ("urgent", "emergency")


def test_bleeding_through_a_pad_on_a_period_is_not_an_emergency(screen: SafetyScreen) -> None:
    """A cycle tracker who bled through a pad on a heavy day has a heavy period (C2), no flag."""
    assert screen.screen("bled through my pad on my period", "en", "not_pregnant").level is None


def test_the_same_words_in_pregnancy_are_an_emergency(screen: SafetyScreen) -> None:
    """Bleeding through a pad in pregnancy is heavy bleeding (E1)."""
    assert screen.screen("bled through my pad", "en", "pregnant").level == "emergency"


def test_soaking_a_pad_every_hour_when_not_pregnant_is_urgent(screen: SafetyScreen) -> None:
    """Not pregnant, a pad soaked every hour for hours is checked today (C3), not 999."""
    result = screen.screen("soaking a pad every hour since this morning", "en", "not_pregnant")
    assert result.level == "urgent"


def test_a_heavy_period_with_dizziness_is_an_emergency(screen: SafetyScreen) -> None:
    """Not pregnant, very heavy bleeding with dizziness and a racing heart is an emergency (C4)."""
    result = screen.screen("heavy period and feel dizzy heart racing", "en", "not_pregnant")
    assert result.level == "emergency"


def test_more_discharge_before_a_period_is_not_heavy_bleeding(screen: SafetyScreen) -> None:
    """Heavier white discharge before a period is not a heavy bleed."""
    text = "el flujo antes de la regla es mas abundante y blanco, es normal?"
    assert screen.screen(text, "es", "not_pregnant").level is None


def test_a_headache_at_12_weeks_is_not_pre_eclampsia(screen: SafetyScreen) -> None:
    """Pre-eclampsia is after 20 weeks: a bad headache at 12 weeks gives no red flag."""
    assert screen.screen("12 weeks bad headache", "en", "pregnant").level is None


def test_a_pounding_headache_with_spots_at_32_weeks_is_flagged(screen: SafetyScreen) -> None:
    """After 20 weeks a pounding headache with spots in the vision is a red flag (U12)."""
    text = "32 weeks pounding headache and seeing spots"
    assert screen.screen(text, "en", "pregnant").level is not None


def test_a_named_pregnancy_week_overrides_a_stale_stage(screen: SafetyScreen) -> None:
    """A message that names a pregnancy week is screened as pregnancy whatever the stored stage."""
    text = "36 weeks and my waters broke"
    assert screen.screen(text, "en", "not_pregnant").level == "urgent"


def test_a_soaked_pad_is_not_waters_for_a_cycle_tracker(screen: SafetyScreen) -> None:
    """Not pregnant, a soaked pad is read as bleeding, never as waters breaking."""
    result = screen.screen("soaking a pad every hour since this morning", "en", "not_pregnant")
    assert "fluid_leak_or_waters" not in result.flags


def test_lochia_that_is_easing_is_not_bleeding_in_pregnancy(screen: SafetyScreen) -> None:
    """With the stage unknown, a message saying it is after a birth is screened as after birth."""
    text = "5 days after giving birth, still bleeding red with small clots but getting lighter"
    assert screen.screen(text, "en").level is None


def test_bleeding_red_again_after_birth_is_urgent(screen: SafetyScreen) -> None:
    """After a birth, bleeding that turns bright red again is checked today (P2)."""
    text = "2 weeks postpartum, the bleeding had gone brown but now its bright red again"
    assert screen.screen(text, "en").level == "urgent"


def test_brown_at_the_end_of_a_period_is_not_a_red_flag(screen: SafetyScreen) -> None:
    """With the stage unknown, brown spotting at the end of a period is C6, no flag."""
    assert screen.screen("brown spotting at the end of my period", "en").level is None


def test_a_cue_of_pregnancy_keeps_every_rule(screen: SafetyScreen) -> None:
    """A message that says pregnant is never read as a cycle tracker's, whatever else it says."""
    text = "pregnant and some brown spotting, i get this every period"
    assert screen.screen(text, "en").level == "urgent"


def test_pink_mucus_after_a_sweep_is_not_a_red_flag(screen: SafetyScreen) -> None:
    """Pink mucus after a membrane sweep at term is expected (N7)."""
    assert screen.screen("had a sweep at 40 weeks, now some pink mucus", "en").level is None


def test_heavy_bleeding_after_a_sweep_is_still_an_emergency(screen: SafetyScreen) -> None:
    """A sweep never hides heavy bleeding."""
    text = "had a sweep at 40 weeks and now bleeding heavily, soaking pads"
    assert screen.screen(text, "en").level == "emergency"


def test_postpartum_spanish_cue_is_read(screen: SafetyScreen) -> None:
    """A Spanish message saying it is weeks after the birth is screened as after birth."""
    text = "5 semanas despues del parto y todavia manchado marron clarito"
    assert screen.screen(text, "es").level is None


def test_russian_cycle_cue_is_read(screen: SafetyScreen) -> None:
    """A Russian message about spotting before a period is screened as a cycle tracker's."""
    assert screen.screen("перед месячными всегда мажет коричневым", "ru").level is None


def test_chest_pain_after_a_birth_is_an_emergency(screen: SafetyScreen) -> None:
    """After a birth, chest pain may be a clot in the lung: call the emergency number."""
    result = screen.screen("chest pain since this morning", "en", status="postpartum")
    assert result.level == "emergency"


def test_breathlessness_after_a_loss_is_an_emergency(screen: SafetyScreen) -> None:
    """After a loss, shortness of breath alone is an emergency (L1), in Spanish too."""
    result = screen.screen("falta de aire desde ayer", "es", status="after_loss")
    assert result.level == "emergency"


def test_a_chest_sore_from_breastfeeding_is_not_a_red_flag(screen: SafetyScreen) -> None:
    """Breasts sore from feeding after a birth are not chest pain."""
    result = screen.screen("my chest hurts from breastfeeding", "en", status="postpartum")
    assert result.level is None


def test_out_of_breath_on_the_stairs_in_pregnancy_is_not_a_red_flag(
    screen: SafetyScreen,
) -> None:
    """Some breathlessness is common in pregnancy: alone, it is not an emergency."""
    result = screen.screen("out of breath on the stairs at 30 weeks", "en", status="pregnant")
    assert result.level is None


def test_chest_pain_with_breathlessness_is_an_emergency_at_any_stage(
    screen: SafetyScreen,
) -> None:
    """Chest pain together with breathlessness is an emergency whoever writes it."""
    assert screen.screen("боль в груди и трудно дышать", "ru").level == "emergency"


def test_before_a_week_with_small_words_between_is_not_the_persons_week(
    screen: SafetyScreen,
) -> None:
    """'antes de las 37 semanas' names a limit, not the week the person is in."""
    assert screen.mentioned_weeks("se puede romper la bolsa antes de las 37 semanas") == ()


def test_a_week_after_small_words_is_still_the_persons_week(screen: SafetyScreen) -> None:
    """'estoy de 37 semanas' still says the person is 37 weeks pregnant."""
    assert screen.mentioned_weeks("estoy de 37 semanas") == (37,)


def test_movements_busy_yesterday_and_gone_today_are_urgent(screen: SafetyScreen) -> None:
    """A baby who was kicking yesterday and does nothing today is reduced movements (U6)."""
    text = "she was kicking a lot yesterday but today nothing"
    assert screen.screen(text, "en", status="pregnant").level == "urgent"


def test_a_baby_active_this_morning_and_still_now_is_not_a_red_flag(
    screen: SafetyScreen,
) -> None:
    """Movements that were there before and are there now are not reduced."""
    text = "he was active this morning and is still active now"
    assert screen.screen(text, "en", status="pregnant").level is None


CRISIS_WITHOUT_KEYWORDS = [
    "i cant promise ill stay safe tonight",
    "got a plan now, i know how and when",
    "goodbye everyone, you wont need to worry about me",
    "im not going to be around by the weekend, they'll manage",
    "swallowed all the pills, sorry, bye",
    "downed a bottle of wine with a handful of my sleeping pills",
    "sometimes i think it would be easier if i just didnt wake up",
    "he has a knife and he's banging on the door",
    "im not allowed to leave the house or see my friends, he keeps my bank card",
    "the tv is sending me messages and i dont need sleep anymore",
    "мне проще было бы не жить, но я ничего не сделаю",
    "хочется опять себя порезать",
    "no puedo prometer que voy a estar segura esta noche",
    "mi hijo de 2 años se tragó varias pastillas de hierro",
]


@pytest.mark.parametrize("text", CRISIS_WITHOUT_KEYWORDS)
def test_crisis_said_without_the_usual_words_is_a_crisis(screen: SafetyScreen, text: str) -> None:
    """Plans, final messages, overdose, coercion and psychosis in everyday words are crisis."""
    assert screen.screen(text, None).crisis


def test_an_iron_tablet_question_is_not_a_red_flag(screen: SafetyScreen) -> None:
    """Taking an iron tablet with food is a medicine question, not coercive control."""
    assert screen.screen("should i take my iron tablet with food", "en").level is None


def test_being_followed_round_with_snacks_is_not_psychosis(screen: SafetyScreen) -> None:
    """A partner who follows someone round with snacks is not a delusion of being watched."""
    text = "he follows me round with snacks and cushions since i told him lol"
    assert screen.screen(text, "en").level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("tummy rock hard, no blood and no pain", "en"),
        ("tengo la panza dura pero no me duele", "es"),
        ("живот каменный, но не болит", "ru"),
    ],
)
def test_a_negated_word_anywhere_in_a_match_silences_it(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A negation before any matched word of a negatable sign says the sign is absent."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no puedo caminar del dolor", "es"),
        ("не могу встать от боли", "ru"),
    ],
)
def test_a_negated_inability_is_the_sign_itself(screen: SafetyScreen, text: str, lang: str) -> None:
    """ "Can't walk for the pain" is severe pain: a negation before a kept word never silences."""
    assert screen.screen(text, lang).level == "emergency"


@pytest.mark.parametrize(
    "text", ["i'm bleeding and it will not stop", "i can not walk from the pain in my tummy"]
)
def test_a_two_word_negation_reads_as_its_contraction(screen: SafetyScreen, text: str) -> None:
    """ "will not stop" is "won't stop" and "can not walk" is "can't walk": both emergencies."""
    assert screen.screen(text, "en").level == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("u menya silnoe krovotechenie i golova kruzhitsya", "emergency"),
        ("zhivot kamennyi i ochen bolit", "emergency"),
        ("mne ochen ploho, hochu umeret", "emergency"),
    ],
)
def test_russian_in_latin_letters_is_screened_as_russian(
    screen: SafetyScreen, text: str, level: str
) -> None:
    """Russian typed in Latin letters is read in Cyrillic and meets the Russian rules."""
    assert screen.screen(text, "ru").level == level


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the baby is moving well, i'm just curious about the next scan", "en"),
        ("el bebe se mueve bien, solo tengo curiosidad por la ecografia", "es"),
        ("u menya ne bolit zhivot, prosto interesno", "ru"),
    ],
)
def test_a_latin_letter_reading_keeps_negations_and_leaves_other_languages(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """English and Spanish are not read as Russian, and "ne bolit" is as negated as "не болит"."""
    assert screen.screen(text, lang).level is None


def test_a_negation_after_the_sign_says_it_is_absent(screen: SafetyScreen) -> None:
    """ "крови нет" is "no blood" in Russian, where the negation follows the sign."""
    assert screen.screen("крови нет, все нормально", "ru").level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "with my first pregnancy i had a big bleed at 9 weeks, am i at higher risk?",
            "en",
        ),
        ("hace dos años tuve un sangrado fuerte en mi primer embarazo, es normal?", "es"),
        ("в первую беременность было кровотечение на 9 неделе, это опасно?", "ru"),
    ],
)
def test_a_sign_years_ago_is_not_a_sign_now(screen: SafetyScreen, text: str, lang: str) -> None:
    """A sign told about a pregnancy years ago lies in a past frame and does not fire."""
    assert screen.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("with my first i bled heavily and now i am bleeding heavily again", "en"),
        ("hace dos años tuve un aborto, ahora estoy sangrando mucho", "es"),
        ("в прошлую беременность был выкидыш, а сейчас сильное кровотечение", "ru"),
    ],
)
def test_a_past_frame_ends_where_the_present_begins(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """ "Now", "ahora", "сейчас" end a past frame: the sign after it fires in full."""
    assert screen.screen(text, lang).level == "emergency"


def test_a_past_frame_never_hides_a_crisis(screen: SafetyScreen) -> None:
    """A past overdose or self-harm still gets the crisis reply: past frames set apart
    obstetric signs only."""
    result = screen.screen("years ago i took an overdose of paracetamol", "en")
    assert result.category == "crisis"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("watching a drama where the mum overdoses, is clear discharge normal?", "en"),
        ("vi una serie donde a la protagonista se le rompe la fuente en el metro", "es"),
        ("в сериале у героини отошли воды в лифте, так бывает?", "ru"),
    ],
)
def test_a_film_or_series_is_not_the_writer(screen: SafetyScreen, text: str, lang: str) -> None:
    """A sign or crisis of a character in a film, series or book does not fire."""
    assert screen.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("watching a film where she kills herself and i want to kill myself too", "en"),
        ("vi una pelicula donde ella se mata y yo quiero matarme", "es"),
        ("смотрю фильм где героиня умирает, а я хочу умереть", "ru"),
    ],
)
def test_the_writer_speaking_ends_a_fiction_frame(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """ "I", "yo", "я" end a fiction frame: the writer's own crisis after it fires."""
    assert screen.screen(text, lang).category == "crisis"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("havent felt baby move all day, 34 weeks", "en"),
        ("no siento que el bebe se mueva como siempre, 34 semanas", "es"),
    ],
)
def test_a_negated_everyday_phrase_excludes_nothing(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """An everyday phrase ("baby moving all day") that is negated no longer says all is well."""
    assert screen.screen(text, lang).level == "urgent"


def test_a_negated_everyday_phrase_excludes_nothing_in_russian(screen: SafetyScreen) -> None:
    """ "Не голова болит" does not say the pain is a headache: the belly pain still fires."""
    assert screen.screen("у меня не голова сильно болит, а живот внизу", "ru").level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("miscarrying, 2 pads an hour for the last 2 hours", "en"),
        ("aborto en casa, dos compresas por hora", "es"),
        ("выкидыш дома, две прокладки в час", "ru"),
    ],
)
def test_pads_per_hour_is_heavy_bleeding(screen: SafetyScreen, text: str, lang: str) -> None:
    """Pads filled at so many an hour is heavy bleeding, with or without a verb."""
    assert screen.screen(text, lang).level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("in my last pregnancy i had heavy bleeding at 8 weeks, which is happening again", "en"),
        ("en mi embarazo anterior tuve un sangrado fuerte y me esta pasando otra vez", "es"),
        ("в прошлую беременность было сильное кровотечение, и снова то же самое", "ru"),
    ],
)
def test_again_brings_a_past_sign_into_the_present(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """ "Again", "otra vez", "снова" say the past sign is back: it fires in full."""
    assert screen.screen(text, lang).level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "mañana me tiro del puente, ya lo decidi",
        "esta noche me lanzo por la ventana",
    ],
)
def test_jumping_said_in_the_first_person_present_is_a_crisis(
    screen: SafetyScreen, text: str
) -> None:
    """'me tiro del puente' (I'm jumping off the bridge) is a plan, like 'tirarme del puente'."""
    assert screen.screen(text, "es").crisis_level == "emergency"


def test_lying_down_in_the_first_person_present_is_no_crisis_rule(
    raw_rules: dict[str, Any],
) -> None:
    """'me tiro a la cama' (I flop onto the bed) names no place to jump from."""
    rules_only = build_screen(raw_rules)
    assert rules_only.screen("me tiro a la cama a dormir un rato", "es").crisis == ()


def test_he_has_just_hit_me_is_abuse_in_danger(screen: SafetyScreen) -> None:
    """'me acaba de pegar' (he has just hit me) is an assault now: emergency abuse."""
    result = screen.screen("me acaba de pegar en la panza y sigue en casa", "es")
    assert "abuse_danger" in result.crisis and result.crisis_level == "emergency"


def test_the_baby_has_just_kicked_me_is_no_abuse_rule(raw_rules: dict[str, Any]) -> None:
    """'el bebe me acaba de dar una patada' is the baby kicking, whatever the tense."""
    rules_only = build_screen(raw_rules)
    assert rules_only.screen("el bebe me acaba de dar una patada", "es").crisis == ()


def test_not_trusting_oneself_is_a_danger_to_the_baby_in_spanish(screen: SafetyScreen) -> None:
    """'no me fío de mí misma' with the baby is an emergency, as 'i don't trust myself' is."""
    result = screen.screen("no puedo cuidar al bebe, no me fio de mi misma", "es")
    assert "harm_to_baby_thoughts" in result.crisis and result.crisis_level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("the bump has gone still today, 30w", "en", "reduced_fetal_movements"),
        ("28 weeks and my belly keeps going hard every 10 min", "en", "possible_labour"),
        ("la panza se me pone dura cada 8 minutos, 33 semanas", "es", "possible_labour"),
        ("sat up in bed and water came out, not a lot, 31 wks", "en", "fluid_leak_or_waters"),
        ("me sale un hilito de agua que no para, 34 semanas", "es", "fluid_leak_or_waters"),
        ("мажу коричневым 10 недель", "ru", "bleeding_in_pregnancy"),
        ("mazhu korichnevym 10 nedel", "ru", "bleeding_in_pregnancy"),
    ],
)
def test_signs_written_without_the_usual_words_are_flagged(
    screen: SafetyScreen, text: str, lang: str, reason: str
) -> None:
    """A bump gone still, a belly hardening on a rhythm, water coming out and brown spotting
    in the first person are the triage table's signs, in the words people type."""
    assert reason in screen.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("baby is still kicking loads, 30 weeks", "en"),
        ("мажу живот кремом от растяжек каждый день", "ru"),
    ],
)
def test_still_kicking_and_spreading_a_cream_are_no_signs(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """'still kicking' goes on kicking, and 'мажу живот кремом' spreads a cream on the bump."""
    assert screen.screen(text, lang).level is None


@pytest.mark.parametrize(
    "text", ["tomé 20 pastillas", "me he tomado 15 ibuprofenos", "trague 20 sertralinas"]
)
def test_a_spanish_count_of_tablets_taken_is_an_overdose(screen: SafetyScreen, text: str) -> None:
    """A number of tablets taken at once, in Spanish, is an overdose emergency as in English."""
    result = screen.screen(text, "es")
    assert (result.level, result.category) == ("emergency", "crisis")


def test_a_spanish_number_of_weeks_is_no_count_of_tablets(screen: SafetyScreen) -> None:
    """ "a las 20 semanas tomé pastillas de hierro" names a week, not how many were taken."""
    assert screen.screen("a las 20 semanas tomé pastillas de hierro", "es").level is None
