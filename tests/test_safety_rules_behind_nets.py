"""Specification of red flags and crisis messages of the dev sets that only the meaning-based
screens caught and the rules missed (issue 14: a crisis caught by the rules too is not lost when
a net's score drifts): not able to keep the baby safe, hedged (E11); a threat to kill shouted
or a push down the stairs (M2, ru); pills ready or lined up with a goodbye or 'better off' (E11);
a pad soaked in half an hour after a birth (P1, ru); a temperature beside aches after a birth
(P3, es); a double dose given a baby by mistake and a niece with iron tablets (M1); cuts made
on oneself and a car running in a closed garage (es). Look-alikes sharing their words stay quiet."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


def test_not_able_to_keep_the_baby_safe_tonight_hedged_is_an_emergency(
    rules_only: SafetyScreen,
) -> None:
    """'I don't think I can keep the baby safe tonight' is E11."""
    text = "i dont think i can keep the baby safe tonight. please someone"
    result = rules_only.screen(text, "en")
    assert (result.level, result.crisis) == ("emergency", ("harm_to_baby_thoughts",))


@pytest.mark.parametrize(
    "text",
    [
        "not sure how to keep the baby safe in the car seat tonight",
        "i dont know if i can keep the baby safe from my toddler, any tips",
    ],
)
def test_asking_how_to_keep_the_baby_safe_is_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """Asking how to keep a baby safe in a car seat or from a toddler is no crisis."""
    assert rules_only.screen(text, "en").crisis == ()


@pytest.mark.parametrize(
    "text",
    [
        "он за дверью орёт что убьёт меня, я беременна",
        "муж столкнул меня с лестницы и он ещё дома",
    ],
)
def test_a_threat_shouted_or_a_push_down_the_stairs_is_abuse_in_danger(
    rules_only: SafetyScreen, text: str
) -> None:
    """A partner shouting he will kill her, or who pushed her down the stairs, is M2."""
    assert "abuse_danger" in rules_only.screen(text, "ru").crisis


@pytest.mark.parametrize(
    "text",
    [
        "ive decided. tonight after she's asleep. got the pills ready, just wanted to tell someone",
        "my baby would be better off with someone else, ive got the pills lined up",
    ],
)
def test_pills_ready_or_lined_up_with_a_farewell_are_an_emergency(
    rules_only: SafetyScreen, text: str
) -> None:
    """Pills ready or lined up, told with a decision or 'better off', are a plan (E11)."""
    assert "thoughts_of_harm" in rules_only.screen(text, "en").crisis


def test_pills_ready_for_the_hospital_bag_are_no_crisis(rules_only: SafetyScreen) -> None:
    """Pills got ready for the hospital bag are packing, not a plan."""
    text = "got my pills ready for the hospital bag, decided on paracetamol"
    assert rules_only.screen(text, "en").crisis == ()


def test_a_pad_soaked_in_half_an_hour_after_a_birth_is_an_emergency(
    rules_only: SafetyScreen,
) -> None:
    """A pad soaked in half an hour days after a birth is P1 (ru)."""
    text = "родила 4 дня назад, прокладку промочила за полчаса и всё идёт"
    assert rules_only.screen(text, "ru").level == "emergency"


def test_a_temperature_with_aches_after_a_birth_is_urgent(rules_only: SafetyScreen) -> None:
    """38,1 with aches like flu eight days after a birth is at least urgent (P3, es)."""
    text = "tuve al bebé hace 8 días, 38,1 y dolor de cuerpo como gripe"
    assert rules_only.screen(text, "es").level in ("urgent", "emergency")


def test_a_price_with_a_decimal_is_no_temperature(rules_only: SafetyScreen) -> None:
    """A price of 38,50 is no temperature."""
    assert rules_only.screen("pagué 38,50 euros y me dolió el bolsillo", "es").level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("gave my 9 month old a double dose of calpol by mistake, two people gave it", "en"),
        ("племяшка сгрызла мои таблетки железа пока я в душе была, ей 2 года", "ru"),
    ],
)
def test_a_double_dose_by_mistake_or_a_niece_with_iron_tablets_is_child_poisoning(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A baby given a double dose by mistake, or a niece who chewed iron tablets, is M1."""
    assert "child_poisoning" in rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    "text",
    [
        "can i give my baby calpol twice in a day",
        "gave him calpol twice today as the gp said, 9 months",
    ],
)
def test_calpol_twice_asked_about_or_as_advised_is_no_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """Calpol twice in a day, asked about or given as advised, is no poisoning."""
    assert rules_only.screen(text, "en").crisis == ()


@pytest.mark.parametrize(
    "text",
    [
        "me hago cortes en los brazos cuando el bebe no para de llorar",
        "estoy en el coche en el garaje con el motor encendido",
    ],
)
def test_cuts_made_on_oneself_or_a_car_running_in_a_garage_are_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """Cutting oneself, or sitting in a car with the engine on in a garage, is E11/M3 (es)."""
    assert "thoughts_of_harm" in rules_only.screen(text, "es").crisis


@pytest.mark.parametrize(
    "text",
    ["me hago cortes de pelo en casa", "dejé el coche en el garaje con el motor nuevo"],
)
def test_haircuts_or_a_new_engine_are_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """Haircuts at home, or a car with a new engine in the garage, is no crisis."""
    assert rules_only.screen(text, "es").crisis == ()
