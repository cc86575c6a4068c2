"""Specification of everyday words that explain away a crisis only the meaning-based screen saw,
each paired with the words that keep the alarm: harm to oneself or the baby denied in so many
words ("i'd never hurt myself", "no quiero hacerme daño", "не хочу себе вредить"), a small cut in
the kitchen, a medicine taken as the midwife said, and everyday idioms ("me maté a estudiar",
"убить время")."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: Sure enough for a crisis in an ordinary message, below the doubt threshold (0.97).
USUAL = 0.9
#: How sure the screen by meaning can be of "hurt myself" even when it is denied.
NEARLY_SURE = 0.995


def _with_net(rules_only: SafetyScreen, probability: float = USUAL) -> SafetyScreen:
    """The bot's screen with a meaning-based screen that calls every text a crisis."""
    return with_nets(rules_only, crisis=SemanticVerdict("cannot_cope", "urgent", probability))


@pytest.mark.parametrize(
    "text",
    [
        "i would never hurt myself, i am just so tired of the night feeds",
        "i'd never harm my baby, just drained and weepy today",
        "no quiero hacerme daño, solo estoy agotada con el bebé",
        "nunca le haría daño a mi niña, solo estoy muy cansada",
        "не хочу себе вредить, просто очень устала",
        "я никогда не наврежу малышу, просто нет сил",
        "не суицидально, просто тревожно после родов",
    ],
)
def test_harm_denied_in_so_many_words_is_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """Tiredness with harm to oneself or the baby denied is no crisis, to the rules and to a
    screen by meaning that is nearly sure of one."""
    assert _with_net(rules_only, NEARLY_SURE).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "i'd never hurt myself, but tonight i cant see a way out",
        "i dont want to hurt myself anymore, i did it again yesterday",
        "no quiero hacerme daño pero no aguanto más",
        "не хочу себе вредить, но иногда хочется исчезнуть",
    ],
)
def test_harm_denied_then_taken_back_still_is_a_crisis(rules_only: SafetyScreen, text: str) -> None:
    """A denial followed by 'but', 'tonight', 'anymore' or 'again' keeps the alarm."""
    assert _with_net(rules_only, NEARLY_SURE).screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "sliced my thumb dicing carrots, plaster on, all good",
        "me corté el dedo con el cuchillo del pan, nada grave",
        "порезала палец, когда чистила картошку, ерунда",
    ],
)
def test_a_small_cut_in_the_kitchen_is_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """A finger cut while cooking is an everyday injury, not self-harm or abuse, to the net."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "cut my finger again on purpose, it helps",
        "me corté el dedo aposta otra vez",
        "порезала палец специально, опять",
    ],
)
def test_a_cut_made_on_purpose_still_is_a_crisis(rules_only: SafetyScreen, text: str) -> None:
    """A cut made on purpose, or again, keeps the alarm (M3)."""
    assert _with_net(rules_only).screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "took one iron tablet with my breakfast like the midwife told me",
        "me tomé la pastilla de hierro con zumo, como dijo la matrona",
        "выпила одну таблетку железа с соком, как сказала акушерка",
    ],
)
def test_a_medicine_taken_as_told_is_no_overdose(rules_only: SafetyScreen, text: str) -> None:
    """One tablet of an everyday medicine taken as the midwife said is no overdose to the net."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mi prima se mató a estudiar para el examen y aprobó", "es"),
        ("убить время до узи, сижу в очереди", "ru"),
    ],
)
def test_an_everyday_idiom_is_no_crisis(rules_only: SafetyScreen, text: str, lang: str) -> None:
    """Working oneself hard or killing time is an idiom, not a crisis, to the net."""
    assert _with_net(rules_only).screen(text, lang).level is None


@pytest.mark.parametrize(
    "text",
    [
        "on sertraline at the same dose my gp prescribed, stable and well",
        "tomo la sertralina que me recetó la psiquiatra, estoy estable",
        "пью сертралин по назначению психиатра, состояние стабильное",
    ],
)
def test_a_regular_medicine_taken_as_prescribed_is_no_overdose(
    rules_only: SafetyScreen, text: str
) -> None:
    """A regular medicine taken at the prescribed dose is no overdose to the net."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "prescribed sertraline, i have been saving the tablets up",
        "me recetaron sertralina y me tomé toda la caja",
        "врач назначил сертралин, выпила всю пачку",
    ],
)
def test_a_prescribed_medicine_saved_up_or_taken_all_at_once_still_is_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """Tablets saved up or a whole pack taken keep the alarm (M1), prescribed or not."""
    assert _with_net(rules_only).screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "in the movie last night the mother swallows a bottle of pills, i cried",
        "en la serie la protagonista se toma un bote de pastillas, qué drama",
        "в сериале героиня наглоталась таблеток, я полвечера плакала",
    ],
)
def test_a_story_on_screen_is_no_crisis(rules_only: SafetyScreen, text: str) -> None:
    """An overdose in a film or a series is the character's, not the writer's, to the net."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "in the movie she swallows a bottle of pills and i want to do the same",
        "en la serie se toma las pastillas y yo también quiero",
        "в фильме героиня выпила таблетки, я тоже хочу",
    ],
)
def test_a_story_on_screen_the_writer_relates_to_still_is_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """The writer's own wish beside the story ('i want to do the same') keeps the alarm."""
    assert _with_net(rules_only).screen(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "my mum is going to kill me when she sees the hospital bag isnt packed",
        "mi madre me va a matar cuando vea el desorden del cuarto del bebé",
        "свекровь меня убьет, когда узнает, что мы назвали сына не в честь деда",
        "my partner threw me a surprise gender reveal, so sweet",
    ],
)
def test_a_relative_who_will_be_cross_is_no_threat(rules_only: SafetyScreen, text: str) -> None:
    """A mother or mother-in-law who 'will kill' the writer, or a partner who 'threw' her a
    party, is an everyday figure of speech to the net."""
    assert _with_net(rules_only).screen(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "my mum will kill me when she finds out, she hits me when she is angry",
        "my husband will kill me when he sees the bill",
        "mi madre me va a matar cuando se entere, tengo miedo, me pega",
        "муж меня убьет, когда узнает",
    ],
)
def test_a_threat_by_a_partner_or_with_violence_still_is_a_crisis(
    rules_only: SafetyScreen, text: str
) -> None:
    """A partner who 'will kill' the writer, or a relative who hits her, keeps the alarm (M2)."""
    assert _with_net(rules_only).screen(text).crisis
