"""Specification: a headache together with a vision change (lights, blur, floaters), as a partner
tells it of her ("le duele mucho la cabeza y ve lucecitas"), is a pre-eclampsia sign (U12) in es
and ru as in en; a headache alone is not."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mi mujer está de 35 semanas y le duele mucho la cabeza y ve lucecitas", "es"),
        ("a mi esposa le duele la cabeza y lo ve todo borroso, 32 semanas", "es"),
        ("у жены 34 недели, сильно болит голова и мушки мелькают", "ru"),
        ("у неё болит голова и всё расплывается", "ru"),
        ("my partner is 36 weeks and has a headache and sees flashing lights", "en"),
    ],
)
def test_a_headache_with_a_vision_change_told_of_her_is_pre_eclampsia(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A headache with lights, blur or floaters gets the pre-eclampsia flag."""
    assert "possible_pre_eclampsia" in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"), [("me duele la cabeza de tanto estudiar", "es"), ("болит голова", "ru")]
)
def test_a_headache_alone_is_no_pre_eclampsia(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A headache with no vision change and nothing severe gets no pre-eclampsia flag."""
    assert "possible_pre_eclampsia" not in rules_only.screen(text, lang).flags
