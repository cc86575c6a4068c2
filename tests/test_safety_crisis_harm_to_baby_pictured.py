"""Specification of unwanted thoughts of an act on the baby's body or of putting it somewhere
deadly ("se me cruza la idea de apretarle el cuello", "la idea de meter al bebé en la
lavadora", "мысль подержать её под водой", "представляю как сжимаю ему шею"): M4, urgent; and
of the same verbs about clothes, a cot, nose drops or a bath held safely."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("se me cruza la idea de apretarle el cuello, me doy asco", "es"),
        ("me viene la idea de meter al bebé en la lavadora, nunca lo haría", "es"),
        ("tengo la imagen de taparle la boca y la nariz, me asusta", "es"),
        ("купаю дочку и в голове мысль подержать её под водой", "ru"),
        ("представляю как сжимаю ему шею, мне страшно от себя", "ru"),
        ("навязчивые мысли зажать ей рот, я её люблю", "ru"),
    ],
)
def test_an_unwanted_picture_of_hurting_the_baby_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A frightening thought of squeezing, covering or drowning the baby is M4 or worse."""
    result = rules_only.screen(text, lang)
    assert result.crisis_level in ("urgent", "emergency")
    assert result.crisis != ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("me viene la idea de meter la ropa del bebé en la lavadora con la mía, se puede?", "es"),
        ("tengo la idea de meter al bebé en la cuna antes", "es"),
        ("se me cruza la idea de cambiar de pediatra", "es"),
        ("мысль зажать ему носик чтобы закапать капли", "ru"),
        ("в голове мысль как держать её над водой в ванночке", "ru"),
        ("лезут мысли купить малышу новую коляску", "ru"),
    ],
)
def test_the_same_verbs_about_clothes_a_cot_or_care_are_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Washing baby clothes, the cot, nose drops, bath time: no thought of harm."""
    assert rules_only.screen(text, lang).crisis == ()
