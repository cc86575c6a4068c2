"""Specification of red flags and crisis messages written without the words the rules first knew,
in en, es and ru: bleeding said to pour out ("bleeding out", "desangrando", "истекаю кровью"), a
cord felt some words after the waters are named, a baby "muy quieto", a burden, letters left for the
children "in case", goodbyes said, a bridge kept in mind, fear of harming the baby in the
infinitive, a whole pack swallowed, co-codamol by count, fear of what a partner will do, a partner
acting strangely since the birth; and of their look-alikes: bleeding out of a cracked nipple, a
bled radiator, a dental bridge, goodbyes on leaving the ward, a pack of juice, a sleeping
newborn."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("help i think im bleeding out, 16 weeks", "en"),
        ("she is bleeding like mad, 29 weeks", "en"),
        ("creo que me estoy desangrando, 20 semanas", "es"),
        ("истекаю кровью, 25 недель", "ru"),
        ("кровь так и хлещет, беременна", "ru"),
    ],
)
def test_bleeding_said_to_pour_out_is_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Bleeding said to pour out, with no amount or pad count, is heavy bleeding (E1)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "heavy_bleeding" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("a little blood is bleeding out of a crack in my nipple", "en"),
        ("bled out the radiators this morning, house is toasty now", "en"),
        ("bleeding like mad from a shaving nick on my knee", "en"),
    ],
)
def test_bleeding_out_of_a_place_or_a_radiator_is_no_heavy_bleeding(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Bleeding out of a nipple or a nick, or a bled radiator, is no heavy bleeding."""
    assert "heavy_bleeding" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "waters broke an hour ago and i can touch something down there, might be the cord",
            "en",
        ),
        ("se me rompió la fuente y ahora noto que sale algo, creo que es el cordón", "es"),
        ("воды отошли, и во влагалище что-то есть, похоже на пуповину", "ru"),
    ],
)
def test_a_cord_named_some_words_after_the_waters_is_a_cord_prolapse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Something felt after the waters broke that may be the cord is a cord prolapse (E5)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "cord_prolapse" in result.flags


def test_a_question_about_the_cord_before_the_waters_is_no_prolapse(
    rules_only: SafetyScreen,
) -> None:
    """A question whether the cord is checked, waters not broken, is no cord prolapse."""
    text = "my waters havent broken yet, is the cord checked at the birth"
    assert "cord_prolapse" not in rules_only.screen(text, "en").flags


def test_a_very_still_baby_in_pregnancy_is_reduced_movements(rules_only: SafetyScreen) -> None:
    """'El bebé está muy quieto' in pregnancy is reduced movements (U6)."""
    result = rules_only.screen("33 semanas y hoy mi bebé está muy quieto", "es")
    assert result.level == "urgent"
    assert "reduced_fetal_movements" in result.flags


def test_a_newborn_still_in_its_sleep_is_no_reduced_movements(rules_only: SafetyScreen) -> None:
    """A born baby lying still while it sleeps is no sign about a pregnancy's movements."""
    result = rules_only.screen("mi bebé de 3 meses está muy quieto cuando duerme", "es")
    assert result.level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("honestly i've written letters to my children in case", "en"),
        ("me siento un estorbo para mi familia", "es"),
        ("soy una carga y nada más", "es"),
        ("kiero morirme ya", "es"),
        ("я стала обузой для всех", "ru"),
        ("оставила записки мужу и детям на всякий случай", "ru"),
        ("постоянно думаю о мосте возле дома", "ru"),
        ("сегодня я попрощалась со всеми", "ru"),
    ],
)
def test_indirect_suicidal_thoughts_are_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A burden, letters left in case, goodbyes said or a bridge kept in mind are suicidal
    thoughts (E11, M3)."""
    assert "thoughts_of_harm" in rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("wrote letters to the kids to go in their christmas stockings", "en"),
        ("have a think about the bridge club meeting on thursday", "en"),
        ("попрощалась со всеми в роддоме и поехала домой", "ru"),
        ("думаю о мосте или импланте на зуб", "ru"),
        ("написала мужу записку на всякий случай, где подгузники", "ru"),
    ],
)
def test_everyday_letters_bridges_and_goodbyes_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Letters for a stocking, a bridge club or a dental bridge, goodbyes on leaving the ward are
    no crisis."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    "text",
    [
        "мне так страшно навредить малышу",
        "боюсь как-нибудь сделать что-то сыну",
        "boyus sdelat chto-to malyshu",
    ],
)
def test_fear_of_harming_the_baby_in_the_infinitive_is_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Боюсь навредить малышу', in Cyrillic or Latin letters, is a thought of harm to the
    baby (M4)."""
    assert "harm_to_baby_thoughts" in rules_only.screen(text, "ru").crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("just swallowed 20 co-codamol", "en"),
        ("приняла целую упаковку, мне плохо", "ru"),
        ("наглоталась всю пластинку", "ru"),
    ],
)
def test_a_whole_pack_or_a_count_swallowed_is_an_overdose(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A whole pack, or a count of co-codamol, swallowed is an overdose (M1)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "overdose" in result.crisis


@pytest.mark.parametrize("text", ["выпила всю пачку сока за утро", "съела целую упаковку печенья"])
def test_a_pack_of_juice_or_biscuits_is_no_overdose(rules_only: SafetyScreen, text: str) -> None:
    """A whole pack of juice or biscuits is no overdose."""
    assert rules_only.screen(text, "ru").crisis == ()


def test_fear_of_what_a_partner_will_do_is_abuse(rules_only: SafetyScreen) -> None:
    """Fear of what a partner will do if the writer speaks up is abuse disclosed (M5)."""
    result = rules_only.screen("im terrified of what my partner will do if i tell anyone", "en")
    assert result.crisis


def test_a_partner_acting_strangely_since_the_birth_is_possible_psychosis(
    rules_only: SafetyScreen,
) -> None:
    """A partner behaving strangely since the birth may be postpartum psychosis (E11)."""
    text = "my wife has been behaving so strangely since the birth, talking about demons"
    result = rules_only.screen(text, "en")
    assert result.level == "emergency"
    assert "postpartum_psychosis" in result.crisis


def test_a_partner_weepy_since_the_birth_is_no_psychosis(rules_only: SafetyScreen) -> None:
    """A partner who is weepy and acting a bit weird since the birth is no psychosis."""
    text = "my wife is acting a bit weird since the birth, crying at adverts"
    assert "postpartum_psychosis" not in rules_only.screen(text, "en").crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "honestly i think i would be better off dead",
            "en",
        ),
        ("some days i just want to stop existing", "en"),
        ("i keep staring at the razors in the bathroom", "en"),
        ("думаю просто наглотаться и всё", "ru"),
        ("я опять себя режу", "ru"),
    ],
)
def test_a_wish_to_be_dead_or_a_means_kept_in_sight_is_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """'Better off dead', 'stop existing', a means kept in sight, self-cutting said with 'себя'
    first are thoughts of harm (E11, M3)."""
    assert "thoughts_of_harm" in rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i keep looking at the knives in the kitchen sale, which set is best", "en"),
        ("я себе режу салат на ужин", "ru"),
    ],
)
def test_knives_in_a_sale_or_a_salad_cut_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Knives looked at in a sale, or a salad cut for oneself, are no crisis."""
    assert rules_only.screen(text, lang).crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("desde el parto mi hermana oye cosas que no existen", "es"),
        ("жена слышит то, чего нет, с самых родов", "ru"),
    ],
)
def test_hearing_what_is_not_there_is_possible_psychosis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Seeing or hearing what is not there is a sign of postpartum psychosis (E11)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "postpartum_psychosis" in result.crisis


def test_an_urge_to_shake_the_baby_in_spanish_is_a_crisis(rules_only: SafetyScreen) -> None:
    """'Me dan ganas de sacudir a la bebita' is a thought of harm to the baby (M4)."""
    result = rules_only.screen("a veces me dan ganas de sacudir a la bebita", "es")
    assert "harm_to_baby_thoughts" in result.crisis


def test_a_partner_who_pins_the_writer_down_is_abuse(rules_only: SafetyScreen) -> None:
    """A partner who pinned the writer down is abuse (M5 or M2)."""
    assert rules_only.screen("last night my husband pinned me down on the bed", "en").crisis


def test_a_head_felt_between_the_legs_is_a_birth_now(rules_only: SafetyScreen) -> None:
    """A head felt between the legs is a birth happening now (E7)."""
    result = rules_only.screen("oh god i can feel a head right between my legs", "en")
    assert result.level == "emergency"
    assert "birth_imminent" in result.flags


def test_a_baby_gone_really_quiet_is_reduced_movements(rules_only: SafetyScreen) -> None:
    """A baby that has gone really quiet in pregnancy is reduced movements (U6)."""
    result = rules_only.screen("32 weeks and my baby has gone really quiet", "en")
    assert "reduced_fetal_movements" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("pregnant and i keep going icy cold then sweating buckets", "en"),
        ("embarazada, me da frío y después sudores toda la tarde", "es"),
        ("беременна, то знобит, то жарко весь вечер", "ru"),
    ],
)
def test_chills_and_heat_in_turn_are_a_fever(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Chills and heat in turn are a fever, urgent in pregnancy (U7)."""
    result = rules_only.screen(text, lang, "pregnant")
    assert "fever_or_infection" in result.flags


def test_a_cold_office_and_a_hot_bus_are_no_fever(rules_only: SafetyScreen) -> None:
    """A cold office and a hot bus are the weather indoors, not a fever."""
    text = "freezing in the office then hot on the bus home, 20 weeks"
    assert "fever_or_infection" not in rules_only.screen(text, "en").flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("22 weeks and suddenly a jelly-like discharge, had a prem baby last time", "en"),
        ("19 semanas y de repente flujo acuoso, tuve un parto prematuro", "es"),
        ("18 недель, вдруг появились водянистые выделения", "ru"),
    ],
)
def test_new_watery_or_jelly_discharge_mid_pregnancy_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """New watery or jelly-like discharge at 14-28 weeks may be preterm labour (U11)."""
    result = rules_only.screen(text, lang)
    assert result.level == "urgent"
    assert "possible_preterm_labour" in result.flags


def test_more_milky_discharge_mid_pregnancy_is_no_red_flag(rules_only: SafetyScreen) -> None:
    """A gradual increase of thin milky discharge at 20 weeks is normal (N1)."""
    result = rules_only.screen("20 weeks and a bit more milky discharge lately, normal?", "en")
    assert result.level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no la he sentido en toda la tarde, 27 semanas", "es"),
        ("сегодня совсем тихий, 30 недель", "ru"),
    ],
)
def test_a_baby_named_by_a_pronoun_with_a_week_is_reduced_movements(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A baby not felt or quiet, named only by a pronoun, at 22 weeks or more is U6."""
    assert "reduced_fetal_movements" in rules_only.screen(text, lang).flags


def test_movements_not_yet_felt_before_22_weeks_are_no_red_flag(rules_only: SafetyScreen) -> None:
    """Movements not yet felt at 16 weeks are expected, not reduced movements."""
    result = rules_only.screen("no lo he sentido todavía, 16 semanas, ¿es normal?", "es")
    assert "reduced_fetal_movements" not in result.flags


@pytest.mark.parametrize(
    ("text", "lang", "flag"),
    [
        ("se me escapa líquido al caminar, 35 semanas", "es", "fluid_leak_or_waters"),
        ("проснулась в луже, 33 недели", "ru", "fluid_leak_or_waters"),
        ("flujo rosita al limpiarme, 9 semanas", "es", "bleeding_in_pregnancy"),
        ("розовое при подтирании, 8 недель", "ru", "bleeding_in_pregnancy"),
        ("29 semanas, la panza se me pone dura muy seguido", "es", "possible_preterm_labour"),
    ],
)
def test_pregnancy_signs_said_in_everyday_words_are_urgent(
    rules_only: SafetyScreen, text: str, lang: str, flag: str
) -> None:
    """Water that escapes, a puddle on waking, pink when wiping and a belly hardening again and
    again are urgent in pregnancy (U2, U1, U5)."""
    result = rules_only.screen(text, lang)
    assert result.level == "urgent"
    assert flag in result.flags


@pytest.mark.parametrize(
    ("text", "lang", "flag"),
    [
        ("ayuda, la cabecita ya sale", "es", "birth_imminent"),
        ("noto la cabeza entre las piernas, 40 semanas", "es", "birth_imminent"),
        ("10 недель, кровь никак не останавливается", "ru", "heavy_bleeding"),
        ("родила 5 дней назад, прокладка полная за 30 мин", "ru", "heavy_bleeding"),
    ],
)
def test_emergencies_said_in_everyday_words_are_emergencies(
    rules_only: SafetyScreen, text: str, lang: str, flag: str
) -> None:
    """A head coming out, blood that does not stop, a pad full in half an hour are E7, E1, P1."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert flag in result.flags


def test_about_to_pass_out_after_a_birth_is_an_emergency(rules_only: SafetyScreen) -> None:
    """Bleeding a little after a birth with a pounding heart is an emergency (P1)."""
    text = "после родов неделя, кровит чуть-чуть, но сердце колотится"
    assert rules_only.screen(text, "ru", "postpartum").level == "emergency"


def test_a_smell_after_a_d_and_c_is_an_infection_sign(rules_only: SafetyScreen) -> None:
    """A bad smell after a D&C is a sign of infection after a loss (L3)."""
    result = rules_only.screen("it stinks down there since the d&c", "en")
    assert "fever_or_infection" in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("might just steer into the oncoming lorry tonight", "en"),
        ("i'll make it look like an accident", "en"),
        ("tengo miedo de hacerme daño", "es"),
        ("hochu ischeznut segodnya, ya znayu kak", "ru"),
    ],
)
def test_a_plan_or_a_fear_of_self_harm_is_a_suicidal_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A crash planned, a fear of self-harm or of not keeping oneself safe is E11."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level == "emergency"
    assert "thoughts_of_harm" in result.crisis


def test_a_child_who_got_to_the_tablets_is_a_poisoning(rules_only: SafetyScreen) -> None:
    """A child who got to the iron tablets is a possible poisoning (M1)."""
    result = rules_only.screen("сын добрался до таблеток железа, пары не хватает", "ru")
    assert "child_poisoning" in result.crisis


def test_pain_between_the_legs_is_no_birth_now(rules_only: SafetyScreen) -> None:
    """Pelvic pain felt between the legs is no sign of a birth happening now."""
    result = rules_only.screen("noto un dolor entre las piernas al caminar, 30 semanas", "es")
    assert "birth_imminent" not in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("кровь из носа никак не останавливается, 12 недель", "ru"),
        ("always cold then hot at night because of the duvet, 25 weeks", "en"),
    ],
)
def test_a_nosebleed_or_a_warm_duvet_is_no_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A nosebleed that will not stop, or a duvet too warm, is no obstetric emergency."""
    result = rules_only.screen(text, lang)
    assert "heavy_bleeding" not in result.flags
    assert "fever_or_infection" not in result.flags


@pytest.mark.parametrize(
    "text",
    [
        "en la serie que vi anoche una mujer se desangra al dar a luz, ¿pasa de verdad?",
        "la matrona dice que la cabeza del bebé ya está muy abajo, 38 semanas",
    ],
)
def test_a_bleed_in_a_series_or_an_engaged_head_is_no_emergency(
    rules_only: SafetyScreen, text: str
) -> None:
    """A woman bleeding to death in a series, or a head already low at term, is no emergency."""
    assert rules_only.screen(text, "es").level != "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("got 4 packets of paracetamol from different chemists today", "en"),
        ("been sitting in the car in the garage with the engine running", "en"),
        ("honestly i'm scared of myself tonight", "en"),
        ("i slammed my fists into the wall until they bled", "en"),
        ("compré cajas de ibuprofeno en farmacias distintas", "es"),
        ("ya compré una cuerda", "es"),
        ("накупила пачек снотворного в разных аптеках", "ru"),
        ("я боюсь сама себя", "ru"),
    ],
)
def test_preparations_and_a_fear_of_oneself_are_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Tablets gathered from several shops, a car's fumes, a rope, self-injury until it bleeds
    and a fear of oneself are a crisis (E11, M3)."""
    assert rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my babies deserve a better mum than me", "en"),
        ("mis hijos merecen una madre mejor", "es"),
        ("дети заслуживают маму получше", "ru"),
    ],
)
def test_a_mother_who_feels_her_children_deserve_better_is_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A mother who feels her children deserve another mother is in crisis (M3)."""
    assert rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("bought two packs of paracetamol and some plasters for the first aid kit", "en"),
        ("left the engine running while i loaded the shopping", "en"),
        ("my son deserves a better football coach", "en"),
    ],
)
def test_everyday_shopping_engines_and_deserving_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Tablets bought for a first-aid kit, an engine left running, a better coach are no crisis."""
    assert rules_only.screen(text, lang).crisis == ()


def test_a_child_who_drank_a_bottle_of_calpol_is_a_poisoning(rules_only: SafetyScreen) -> None:
    """A child who swallowed a bottle of Calpol is an emergency (M1)."""
    result = rules_only.screen("my toddler swallowed a whole bottle of calpol", "en")
    assert result.crisis_level == "emergency"


def test_days_without_sleep_after_a_birth_is_possible_psychosis(rules_only: SafetyScreen) -> None:
    """A mother who has not slept for three days and nights is a sign of psychosis (E11)."""
    result = rules_only.screen("после родов жена не спит уже трое суток", "ru")
    assert "postpartum_psychosis" in result.crisis


def test_a_baby_without_sleep_for_days_is_no_psychosis(rules_only: SafetyScreen) -> None:
    """A baby who has not slept for days because of teething is no sign of psychosis."""
    result = rules_only.screen("ребенок не спит уже трое суток из-за зубов", "ru")
    assert "postpartum_psychosis" not in result.crisis
