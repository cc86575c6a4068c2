"""Specification of crisis messages said in other word orders than the rules first knew, in es and
ru, and of a baby the writer cannot keep safe; and of everyday senses of crisis words: "all
good" after a tablet, a craving that "kills", killing oneself with laughing or work."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    "text",
    [
        "esta noche me voy a suicidar",
        "ya no aguanto, me quiero ahorcar",
        "mañana me mato, lo tengo claro",
    ],
)
def test_spanish_with_the_pronoun_before_the_verb_is_a_suicidal_thought(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Me voy a suicidar', 'me quiero ahorcar', 'mañana me mato' are suicidal thoughts (E11)."""
    result = rules_only.screen(text, "es")
    assert result.level == "emergency"
    assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "me voy a matar de risa con mi hija",
        "me mato trabajando para pagar la cuna",
    ],
)
def test_killing_oneself_with_laughing_or_work_is_no_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Matarse de risa' or 'trabajando' is a figure of speech, not a suicidal thought."""
    assert rules_only.screen(text, "es").crisis == ()


@pytest.mark.parametrize("text", ["сегодня я себя убью", "я с собой покончу, хватит"])
def test_russian_in_free_word_order_is_a_suicidal_thought(
    rules_only: SafetyScreen, text: str
) -> None:
    """'Себя убью' and 'с собой покончу' are suicidal thoughts whatever the word order (E11)."""
    result = rules_only.screen(text, "ru")
    assert result.level == "emergency"
    assert "thoughts_of_harm" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("somebody please come and take him away from me before i hurt him", "en"),
        ("no logro mantenerla segura, tengo miedo", "es"),
        ("по-моему я не могу обеспечить малышу безопасность", "ru"),
        ("заберите дочку, я боюсь что сорвусь", "ru"),
    ],
)
def test_a_baby_the_writer_cannot_keep_safe_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Feeling unable to keep the baby safe now, or asking for it to be taken, is E11."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert result.crisis != ()


def test_taking_the_kids_for_the_weekend_is_no_crisis(rules_only: SafetyScreen) -> None:
    """Taking the children away for a weekend is an outing, not a baby that is unsafe."""
    result = rules_only.screen("can my mum take the kids away for the weekend?", "en")
    assert result.crisis == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("headache, had some paracetamol, all fine now", "en"),
        ("me dolía la cabeza, tomé un paracetamol y todo bien", "es"),
        ("болела голова, выпила парацетамол, всё нормально", "ru"),
    ],
)
def test_all_good_after_a_tablet_is_no_overdose(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """'All fine', 'todo bien' or 'всё нормально' says all is well, not that all tablets went."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("took all the paracetamol in the house", "en"),
        ("me tomé todas las pastillas de una vez", "es"),
        ("выпила все таблетки снотворного", "ru"),
    ],
)
def test_all_the_tablets_still_is_an_overdose(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Taking all the tablets is still an overdose (M1)."""
    assert "overdose" in rules_only.screen(text, lang).crisis


def test_a_craving_that_kills_is_no_threat(rules_only: SafetyScreen) -> None:
    """'Un antojo que me mata' is a craving, not a threat to life from a partner."""
    assert rules_only.screen("tengo unos antojos de mango que me matan", "es").level is None


def test_a_partner_who_will_kill_still_is_a_threat(rules_only: SafetyScreen) -> None:
    """'Mi pareja me mata' said as a threat is still abuse in immediate danger (M2)."""
    result = rules_only.screen("socorro, mi pareja me mata, me está pegando", "es")
    assert "abuse_danger" in result.crisis


@pytest.mark.parametrize(
    "text",
    [
        "my lower back is hurting right now, 29 weeks",
        "my heart is beating so fast right now",
        "the tightenings are hitting harder now",
        "my left ear hurts, 7 weeks",
    ],
)
def test_a_body_that_hurts_or_beats_now_is_no_violence(rules_only: SafetyScreen, text: str) -> None:
    """A back that hurts or a heart that beats "right now" is a body, not a person attacking."""
    assert "abuse_danger" not in rules_only.screen(text, "en").crisis


def test_a_person_hurting_the_writer_now_still_is_violence(rules_only: SafetyScreen) -> None:
    """Someone hurting the writer right now is still abuse in immediate danger (M2)."""
    result = rules_only.screen("my ex is hitting me right now, my back hurts", "en")
    assert "abuse_danger" in result.crisis


def test_a_headache_is_no_head_full_of_harmful_thoughts(rules_only: SafetyScreen) -> None:
    """'My head hurts behind my eyes' is a headache, not thoughts of hurting the baby."""
    assert rules_only.screen("my head hurts behind my eyes today", "en").crisis == ()


def test_a_person_hitting_the_belly_now_still_is_violence(rules_only: SafetyScreen) -> None:
    """A belly named before the person hitting it right now is still abuse in immediate danger."""
    result = rules_only.screen("my belly, he is hitting it right now", "en")
    assert "abuse_danger" in result.crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i can't care for her safely anymore, someone please come", "en"),
        ("me aterra lo que le pueda hacer a mi hijo", "es"),
    ],
)
def test_unable_to_care_safely_or_scared_of_what_one_might_do_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Unable to care for the baby safely, or scared of what one might do to it, is E11."""
    assert rules_only.screen(text, lang).level == "emergency"
