"""Specification of what a red-flag word is about: the sign a negation belongs to, questions asked
out of interest, a crisis years ago, everyday senses of crisis words, and a light tone."""

from __future__ import annotations

import pytest

from bot.catalog.faq_content import safety_data
from bot.catalog.files import CONTENT_DIR
from bot.domain.safety import SafetyScreen, SemanticVerdict, build_screen


@pytest.fixture
def screen(rules_only: SafetyScreen) -> SafetyScreen:
    # The rules alone: these behaviours are the rules', whatever the meaning-based screen says.
    return rules_only


def _with_verdict(probability: float) -> SafetyScreen:
    verdict = SemanticVerdict("cannot_cope", "urgent", probability)
    return build_screen(safety_data(CONTENT_DIR), semantic=lambda text: verdict)


def test_a_negation_before_another_sign_is_not_fewer_kicks(screen: SafetyScreen) -> None:
    """'no pain, no bleeding' after lots of kicks says nothing about the baby's movements."""
    assert screen.screen("baby is kicking a lot, no pain, no bleeding").level is None


def test_a_negation_before_a_sign_still_counts_for_that_sign(screen: SafetyScreen) -> None:
    """A baby that is not moving is still reduced movements when 'no' is about the movements."""
    result = screen.screen("no movements since this morning, 34 weeks")
    assert "reduced_fetal_movements" in result.flags


def test_i_have_no_pain_negates_the_pain(screen: SafetyScreen) -> None:
    """'no tengo dolor' (I have no pain) is the absence of pain, not severe pain."""
    assert screen.screen("el bebe se mueve muchisimo, no tengo dolor ni sangrado").level is None


def test_a_question_asked_out_of_interest_is_no_sign(screen: SafetyScreen) -> None:
    """'how do you know if your waters broke? just curious' asks about signs, it reports none."""
    text = "how do you know if your waters broke or if its pee? im fine, just curious"
    assert screen.screen(text).level is None


def test_a_question_with_a_sign_beside_it_still_fires(screen: SafetyScreen) -> None:
    """Without a word that it is asked for later, the same question stays a possible leak."""
    text = "how do you know if your waters broke? theres water running down my legs"
    assert "fluid_leak_or_waters" in screen.screen(text).flags


def test_a_question_frame_never_covers_a_sign_in_another_clause(screen: SafetyScreen) -> None:
    """'just curious' sets apart the question, not the sign told after it."""
    text = "how do you know if your waters broke? just curious, my pad is soaked with water"
    assert "fluid_leak_or_waters" in screen.screen(text).flags


def test_self_harm_years_ago_is_not_a_crisis_now(screen: SafetyScreen) -> None:
    """Self-harm told as history ('years ago', 'as a teen') gets no crisis reply."""
    result = screen.screen("i used to self harm years ago, does my midwife need to know?")
    assert result.level is None


def test_self_harm_that_is_back_is_a_crisis(screen: SafetyScreen) -> None:
    """History that comes back ('the urges are back') is a crisis now."""
    result = screen.screen("i used to self harm as a teen but the urges are back")
    assert result.category == "crisis"


def test_a_babys_kicking_is_not_abuse(screen: SafetyScreen) -> None:
    """'kicking a lot earlier, now not moving' is about the baby: reduced movements, no abuse."""
    result = screen.screen("kicking a lot earlier, now not moving")
    assert result.crisis == () and "reduced_fetal_movements" in result.flags


def test_a_person_kicking_someone_now_is_abuse_in_danger(screen: SafetyScreen) -> None:
    """'he keeps kicking me right now' stays abuse with danger now."""
    assert "abuse_danger" in screen.screen("he keeps kicking me right now").crisis


def test_a_toddler_trying_to_kill_me_is_a_figure_of_speech(screen: SafetyScreen) -> None:
    """'my toddler is trying to kill me with this 5am wake up' is no sign of psychosis."""
    assert screen.screen("my toddler is trying to kill me with this 5am wake up").level is None


def test_a_baby_dropping_head_down_is_not_harm(screen: SafetyScreen) -> None:
    """A baby that 'drops head down' late in pregnancy is no thought of dropping the baby."""
    text = "34 weeks, baby moving as usual, just wondering when they drop head down"
    assert screen.screen(text).level is None


def test_weeks_after_the_birth_are_not_a_pregnancy_week(screen: SafetyScreen) -> None:
    """'6 semanas del parto' is the baby's age: no pregnancy week is read from it."""
    assert screen.mentioned_weeks("6 semanas del parto y todavía algo de flujo marrón") == ()


def test_ovulation_tells_the_stage(screen: SafetyScreen) -> None:
    """Spotting at ovulation is screened as a cycle, not as bleeding in pregnancy."""
    result = screen.screen("a bit of pink spotting when i ovulate, egg white mucus")
    assert "bleeding_in_pregnancy" not in result.flags


def test_a_light_tone_asks_the_meaning_screen_to_be_surer() -> None:
    """In a joking message ('lol') a crisis only the meaning-based screen saw needs more
    certainty than usual."""
    text = "he broke his promise and ate the last of my pickles lol"
    assert _with_verdict(0.9).screen(text).crisis == ()
    assert _with_verdict(0.99).screen(text).crisis == ("cannot_cope",)


def test_without_a_light_tone_the_meaning_screen_is_heeded_as_before() -> None:
    """The same verdict in a message without a light tone still gives the crisis reply."""
    text = "he broke his promise and ate the last of my pickles"
    assert _with_verdict(0.9).screen(text).crisis == ("cannot_cope",)


def test_crisis_words_a_frame_set_apart_ask_the_meaning_screen_to_be_surer() -> None:
    """When the rules found crisis words only in a film or in years past, the meaning-based
    screen needs more certainty to overrule that."""
    text = "i used to self harm years ago, does my midwife need to know?"
    assert _with_verdict(0.9).screen(text).crisis == ()
    assert _with_verdict(0.99).screen(text).crisis == ("cannot_cope",)


def test_a_count_of_tablets_taken_is_an_overdose(screen: SafetyScreen) -> None:
    """'took like 20 of my sertraline' is an overdose even when the writer feels fine."""
    result = screen.screen("took like 20 of my sertraline an hour ago, feel fine tho")
    assert "overdose" in result.crisis and result.crisis_level == "emergency"


def test_standing_on_a_balcony_unable_to_go_on_is_an_emergency(screen: SafetyScreen) -> None:
    """'стою на балконе 9 этаж, больше не могу' is a plan in danger now, not only not coping."""
    assert screen.screen("стою на балконе 9 этаж, больше не могу").crisis_level == "emergency"


def test_bleeding_after_a_birth_easing_each_day_is_no_red_flag(screen: SafetyScreen) -> None:
    """Lochia like a heavy period that is less each day is the expected course (P7)."""
    text = "di a luz hace 4 dias, sangro como regla abundante pero cada dia menos"
    assert screen.screen(text).level is None


def test_bleeding_after_a_birth_getting_heavier_still_fires(screen: SafetyScreen) -> None:
    """Bleeding that gets heavier 'instead of less' after a birth stays urgent (P2)."""
    text = "posparto 12 días, el sangrado se está poniendo más abundante en vez de menos"
    assert screen.screen(text).level == "urgent"


def test_someone_elses_sign_already_seen_to_is_no_red_flag(screen: SafetyScreen) -> None:
    """A sister's bleed that was checked and found fine is not the writer's sign."""
    text = (
        "my sister is pregnant and bled a bit, she already went in and they checked her, all fine"
    )
    assert screen.screen(text).level is None


def test_a_mid_cycle_twinge_is_not_a_possible_ectopic(screen: SafetyScreen) -> None:
    """A one-sided twinge at ovulation belongs to the cycle, not to a pregnancy."""
    result = screen.screen("mild twinge on left side mid cycle, prob ovulating, not ttc")
    assert "possible_ectopic" not in result.flags


def test_heartburn_that_is_killing_me_is_no_abuse(screen: SafetyScreen) -> None:
    """'me mata la acidez' is heartburn, not a threat."""
    assert screen.screen("me mata la acidez 31 semanas").crisis == ()


def test_a_baby_gone_quiet_is_reduced_movements(screen: SafetyScreen) -> None:
    """'bubs gone really quiet today' reports fewer movements without the word 'movements'."""
    result = screen.screen("bubs gone really quiet today, 36 weeks, is he just sleeping?")
    assert "reduced_fetal_movements" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("had my antidepressants reviewed at 28 weeks and we kept the same dose", "en"),
        ("i have taken my sertraline for 12 years, is it ok in pregnancy", "en"),
        ("приняла таблетки на 20 неделе как назначил врач", "ru"),
    ],
)
def test_a_number_of_weeks_or_years_is_no_count_of_tablets(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """A number followed by weeks, days or years says when, not how many tablets were taken."""
    assert screen.screen(text, lang).crisis == ()


def test_a_count_of_tablets_beside_a_week_is_still_an_overdose(screen: SafetyScreen) -> None:
    """'took 28 antidepressants at 30 weeks' is an overdose whatever week it is."""
    assert "overdose" in screen.screen("took 28 antidepressants at 30 weeks", "en").crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my mum says her waters broke in the supermarket when she had me, funny story", "en"),
        ("mi madre dice que rompio aguas en el super cuando me tuvo a mi", "es"),
        ("мама рассказывала что у неё воды отошли в магазине когда она меня рожала", "ru"),
    ],
)
def test_the_writers_own_birth_told_by_her_mother_is_the_past(
    screen: SafetyScreen, text: str, lang: str
) -> None:
    """'when she had me' sets the mother's signs at the writer's own birth apart."""
    assert screen.screen(text, lang).level is None


def test_the_writers_own_waters_after_her_mothers_story_still_count(
    screen: SafetyScreen,
) -> None:
    """'her waters broke when she had me. mine are leaking now' is the writer's leak."""
    text = "my mum says her waters broke when she had me. mine are leaking now"
    assert "fluid_leak_or_waters" in screen.screen(text, "en").flags


def test_a_question_in_text_speak_asked_to_be_prepared_is_no_sign(screen: SafetyScreen) -> None:
    """'how do u know if ur waters have broken ... just want to be prepared' asks about signs."""
    text = "how do u know if ur waters have broken? first baby, 30w, just want to be prepared"
    assert screen.screen(text, "en").level is None


def test_the_amniotic_sac_and_the_bladder_are_no_blisters(screen: SafetyScreen) -> None:
    """'отслойка плодного пузыря' (a membrane sweep) at 40 weeks names no blister."""
    text = "вчера на 40 неделе делали отслойку плодного пузыря, сегодня немного тянет"
    assert screen.screen(text, "ru").level is None


def test_heartburn_killing_me_is_no_threat(screen: SafetyScreen) -> None:
    """'este ardor de estómago me mata' is heartburn, not a threat to life."""
    assert screen.screen("este ardor de estomago me mata", "es").crisis == ()


@pytest.mark.parametrize(
    "text",
    [
        "i took 10 iron tablets in 30 days is that ok",
        "took 14 iron tablets over 2 weeks, is that ok",
        "tomé 10 pastillas de hierro en 30 días, ¿está bien?",
        "выпила 10 таблеток железа за 30 дней",
    ],
)
def test_a_count_of_tablets_spread_over_weeks_is_a_rate_not_an_overdose(
    screen: SafetyScreen, text: str
) -> None:
    """A count of tablets over a week or more is a rate: no crisis rule fires (the meaning-based
    screen may still call it a crisis: its verdict is not muted by a rule's exclusion)."""
    assert "overdose" not in screen.screen(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "took 10 iron tablets at once",
        "i just took 10 iron tablets",
        "took 10 iron tablets in an hour",
        "took 20 paracetamol over 2 days",
        "i'm 20 weeks and took 15 pills in the last hour",
    ],
)
def test_a_count_of_tablets_at_once_or_within_days_stays_an_overdose(
    screen: SafetyScreen, text: str
) -> None:
    """A count of tablets at once, in an hour or over a couple of days stays an overdose."""
    result = screen.screen(text)
    assert "overdose" in result.crisis and result.level == "emergency"


@pytest.mark.parametrize(
    "text",
    ["tomo la pildora y tengo mas flujo transparente", "desde que tomo la píldora tengo más flujo"],
)
def test_taking_the_pill_is_no_overdose(screen: SafetyScreen, text: str) -> None:
    """'tomo la píldora' (I am on the pill) is no overdose for the rules."""
    assert screen.screen(text).crisis == ()


@pytest.mark.parametrize(
    "text",
    [
        "watching suicide squad with hubby while baby sleeps",
        "suicide squad is on tonight, any good?",
    ],
)
def test_a_film_title_is_no_crisis(screen: SafetyScreen, text: str) -> None:
    """A film or song title with a crisis word in it ('Suicide Squad') is no rule crisis."""
    assert screen.screen(text).crisis == ()


def test_a_crisis_word_in_a_title_beside_a_real_crisis_still_fires(screen: SafetyScreen) -> None:
    """A title does not hide a crisis told in the same message."""
    assert screen.screen("watching suicide squad and i want to kill myself").crisis


def test_a_rule_exclusion_leaves_the_meaning_screen_its_usual_certainty() -> None:
    """A crisis rule that excluded its words (a dose spread over weeks) does not make the
    meaning-based screen need more certainty: when unsure, the screen escalates."""
    text = "i took 10 iron tablets in 30 days is that ok"
    assert _with_verdict(0.9).screen(text).crisis == ("cannot_cope",)


def test_asking_whether_something_matters_now_is_no_crisis(screen: SafetyScreen) -> None:
    """'does it matter now' asks a question; no crisis rule reads it as nothing mattering."""
    text = "had chlamydia before i got pregnant, got treated, does it matter now"
    assert screen.screen(text).crisis == ()


def test_saying_nothing_matters_now_stays_a_crisis(screen: SafetyScreen) -> None:
    """'nothing will matter now' stays a crisis."""
    assert screen.screen("nothing will matter now").crisis


def test_fearing_services_will_take_the_baby_is_no_abuse(screen: SafetyScreen) -> None:
    """'will they take my baby if i say im depressed' is a fear, not abuse: no abuse rule fires."""
    text = "will they take my baby if i say im depressed"
    assert "abuse" not in screen.screen(text).crisis


def test_a_threat_to_take_the_children_stays_abuse(screen: SafetyScreen) -> None:
    """A partner who threatens to take the children away is still abuse."""
    assert "abuse" in screen.screen("he threatens to take my kids away").crisis


def test_bloody_as_a_swear_word_is_no_bleeding(screen: SafetyScreen) -> None:
    """'bloody brilliant' is a swear word of praise, not blood in pregnancy."""
    assert screen.screen("bloody brilliant, this tracker", status="pregnant").level is None


def test_bloody_discharge_stays_bleeding(screen: SafetyScreen) -> None:
    """'bloody discharge' in pregnancy is still bleeding."""
    result = screen.screen("bloody discharge at 10 weeks", status="pregnant")
    assert "bleeding_in_pregnancy" in result.flags


def test_a_bleed_where_blood_was_taken_is_no_bleeding(screen: SafetyScreen) -> None:
    """A drop of blood where a needle went in is the arm, not the womb."""
    text = "the needle site bled a bit after my bloods were taken"
    assert screen.screen(text, status="pregnant").level is None


def test_bleeding_since_a_blood_test_stays_bleeding(screen: SafetyScreen) -> None:
    """Bleeding from down there since a blood test is still bleeding in pregnancy."""
    text = "bleeding from down there since my blood test this morning, 9 weeks"
    assert "bleeding_in_pregnancy" in screen.screen(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "nearly fainted with happiness at the scan",
        "casi me desmayo de la emoción en la ecografía",
        "едва не упала в обморок от счастья на узи",
    ],
)
def test_almost_fainting_for_joy_is_no_collapse(screen: SafetyScreen, text: str) -> None:
    """'almost fainted with happiness' is a figure of speech for joy, not a collapse."""
    assert screen.screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "nearly fainted in the shower, 20 weeks",
        "casi me desmayo en la ducha",
        "чуть не упала в обморок в душе",
    ],
)
def test_almost_fainting_without_joy_stays_a_collapse(screen: SafetyScreen, text: str) -> None:
    """Almost fainting in the shower is still fainting."""
    assert "fainting_collapse_or_fit" in screen.screen(text).flags


def test_drowning_in_chores_is_no_crisis(screen: SafetyScreen) -> None:
    """'drowning in paperwork' is work piling up, not being unable to cope."""
    assert screen.screen("totally drowning in paperwork this week").crisis == ()


def test_feeling_like_drowning_stays_a_crisis(screen: SafetyScreen) -> None:
    """'i feel like im drowning' still says the writer cannot cope."""
    assert "cannot_cope" in screen.screen("i feel like im drowning").crisis


def test_the_wait_is_killing_me_is_no_abuse(screen: SafetyScreen) -> None:
    """'me mata la intriga' (the suspense is killing me) is impatience, not a threat."""
    assert screen.screen("me mata la intriga del sexo del bebé").crisis == ()


def test_a_threat_to_kill_stays_abuse_danger(screen: SafetyScreen) -> None:
    """'dice que me mata si se lo cuento' is a threat to kill and stays abuse danger."""
    assert "abuse_danger" in screen.screen("dice que me mata si se lo cuento a alguien").crisis


def test_spotting_on_a_new_pill_is_no_bleeding_in_russian(screen: SafetyScreen) -> None:
    """Spotting in the first months of a new contraceptive pill is expected, in Russian too."""
    assert screen.screen("на новых противозачаточных мажет второй месяц").level is None


def test_spotting_after_a_tablet_at_ten_weeks_stays_bleeding(screen: SafetyScreen) -> None:
    """Spotting at 10 weeks after taking a tablet is still bleeding in pregnancy."""
    text = "10 недель, мажет после того как выпила таблетку"
    assert "bleeding_in_pregnancy" in screen.screen(text).flags


def test_someone_on_blood_thinners_is_no_bleeding(screen: SafetyScreen) -> None:
    """'blood thinners' names a medicine, not blood."""
    text = "my mum is on blood thinners, shes coming to stay for the birth"
    assert screen.screen(text, status="pregnant").level is None


def test_bleeding_on_blood_thinners_stays_bleeding(screen: SafetyScreen) -> None:
    """Bleeding while on blood thinners at 12 weeks is still bleeding in pregnancy."""
    assert (
        "bleeding_in_pregnancy"
        in screen.screen("on blood thinners and bleeding now, 12 weeks").flags
    )


def test_playing_is_not_a_misspelt_plan(screen: SafetyScreen) -> None:
    """'plays it all night' is playing, not a plan set for tonight."""
    assert screen.screen("my husband plays that game all night").crisis == ()


def test_a_plan_set_for_tonight_stays_a_crisis(screen: SafetyScreen) -> None:
    """A plan set for tonight with peace made stays a crisis."""
    assert "thoughts_of_harm" in screen.screen("plan for tonight is set, made my peace").crisis


@pytest.mark.parametrize(
    "text",
    [
        "my first period since the birth came with a few clots",
        "primera regla después del parto con coágulos",
        "первые месячные после кесарева пошли со сгустками",
    ],
)
def test_clots_in_the_first_period_after_a_birth_are_no_emergency(
    screen: SafetyScreen, text: str
) -> None:
    """Clots in the first period after a birth are for the GP or midwife (P5), not an emergency."""
    assert screen.screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "2 weeks after the birth passing clots",
        "10 días después del parto con coágulos",
        "после родов 5 дней, выходят сгустки",
    ],
)
def test_clots_after_a_birth_that_are_no_period_stay_heavy_bleeding(
    screen: SafetyScreen, text: str
) -> None:
    """Clots in the bleeding after a birth are still heavy bleeding."""
    assert "heavy_bleeding" in screen.screen(text).flags


def test_soaking_pads_in_the_first_period_after_a_birth_stays_heavy(screen: SafetyScreen) -> None:
    """Soaking a pad every hour in the first period after a birth is still heavy bleeding."""
    result = screen.screen("first period after the baby and soaking a pad every hour")
    assert "heavy_bleeding" in result.flags


def test_keeping_up_an_activity_like_this_is_no_crisis(screen: SafetyScreen) -> None:
    """'how long can i keep going to the gym like this' asks about exercise, not about coping."""
    assert screen.screen("how long can i keep going to yoga like this at 30 weeks").crisis == ()


def test_keeping_going_like_this_stays_a_crisis(screen: SafetyScreen) -> None:
    """'how much longer can i keep going like this' still says the writer cannot cope."""
    assert "cannot_cope" in screen.screen("how much longer can i keep going like this").crisis
