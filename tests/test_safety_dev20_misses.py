"""Specification of the red flags and crisis messages of safety-dev20 that the rules missed
(issue 14): constant pain with bleeding told at length (E4), a burn peeing with back pain or
feeling hot (U13), a tummy that hurts a lot or is tender days after a birth (P3), pain on one
side or in the shoulder tip after an ectopic pregnancy was treated (L1), a child who found
tablets and had some (M1), and a partner who says she wants to kill herself, written with the
Spanish clitic first (E11). Look-alikes sharing their words stay quiet."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


def test_constant_pain_then_bleeding_told_at_length_is_an_emergency(
    rules_only: SafetyScreen,
) -> None:
    """Constant belly pain that will not ease, with bleeding said further on, is E4."""
    text = (
        "29 weeks and the pain in my belly is constant it wont ease off at all and now im bleeding"
    )
    assert rules_only.screen(text, "en").level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "burns when i pee and my back on one side is killing me, 26 weeks",
        "it stings when i pee and i feel hot, 30 weeks",
    ],
)
def test_burning_peeing_with_back_pain_or_feeling_hot_is_urgent(
    rules_only: SafetyScreen, text: str
) -> None:
    """A burn or sting peeing with back or side pain, or feeling hot, is U13."""
    assert rules_only.screen(text, "en").level == "urgent"


def test_burning_peeing_and_going_back_to_bed_is_no_kidney_sign(
    rules_only: SafetyScreen,
) -> None:
    """'Back' as in going back to bed is no back pain: the burn alone is no urgent sign."""
    assert (
        rules_only.screen("burns when i pee, went back to bed after, 20 weeks", "en").level is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "my tummy hurts so much, had the baby on monday",
        "my tummy hurts so much, had the baby 4 days ago",
        "had my son on friday and my lower belly is really tender",
    ],
)
def test_tummy_hurting_a_lot_days_after_a_birth_is_urgent(
    rules_only: SafetyScreen, text: str
) -> None:
    """A tummy that hurts a lot or is tender in the days after a birth is at least urgent (P3)."""
    assert rules_only.screen(text, "en").level in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "had my baby shower on sunday and my tummy hurts so much from laughing",
        "had the baby on monday, tummy is a bit sore when i breastfeed",
    ],
)
def test_a_baby_shower_or_after_pains_with_a_feed_are_no_red_flag(
    rules_only: SafetyScreen, text: str
) -> None:
    """A baby shower is no birth, and after-pains while feeding are expected (P7)."""
    assert rules_only.screen(text, "en").level is None


@pytest.mark.parametrize(
    "text",
    [
        "had methotrexate for an ectopic on tuesday, now really bad pain on one side",
        "had methotrexate for an ectopic on tuesday and now pain in my shoulder tip",
    ],
)
def test_one_sided_or_shoulder_tip_pain_after_ectopic_treatment_is_an_emergency(
    rules_only: SafetyScreen, text: str
) -> None:
    """Bad one-sided or shoulder-tip pain after methotrexate for an ectopic is L1."""
    assert rules_only.screen(text, "en").level == "emergency"


def test_a_feared_ectopic_with_a_positive_test_stays_urgent(rules_only: SafetyScreen) -> None:
    """Worry about an ectopic with a positive test is a pregnancy (U9), not an ended one."""
    text = "worried about an ectopic, positive test and pain on my right side"
    assert rules_only.screen(text, "en").level == "urgent"


def test_a_child_who_found_iron_tablets_and_had_a_few_is_a_crisis(
    rules_only: SafetyScreen,
) -> None:
    """A toddler who found iron tablets and had a few is M1, however well he seems."""
    text = "toddler found my iron tablets in my bag and had a few, hes acting normal"
    result = rules_only.screen(text, "en")
    assert (result.level, result.crisis) == ("emergency", ("child_poisoning",))


def test_a_partner_who_se_quiere_matar_is_an_emergency(rules_only: SafetyScreen) -> None:
    """'Se quiere matar' said of a partner who does not answer is E11."""
    text = "mi novia me mandó un mensaje de que se quiere matar y no contesta"
    result = rules_only.screen(text, "es")
    assert result.level == "emergency"
    assert "thoughts_of_harm" in result.crisis


def test_se_va_a_matar_with_work_is_no_crisis(rules_only: SafetyScreen) -> None:
    """'Se va a matar con tanto trabajo' is a figure of speech, not a wish to die."""
    assert rules_only.screen("se va a matar con tanto trabajo jaja", "es").crisis == ()
