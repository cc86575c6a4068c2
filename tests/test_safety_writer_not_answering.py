"""Specification: the writer saying she did not, cannot or will not answer (the bot, a
message), or that she finds it hard to wake in the mornings, is no collapse; someone else who
does not respond, or cannot be roused, still is (E2, E6)."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("sorry i did not respond yesterday", "en"),
        ("i wont respond to the reminders, too busy", "en"),
        ("no pude responder ayer", "es"),
        ("no quiero responder preguntas ahora", "es"),
        ("no te respondí ayer perdón", "es"),
        ("не хочу отвечать на вопросы", "ru"),
        ("я не отвечаю пока, занята", "ru"),
        ("cant respond right now im at work", "en"),
        ("cant reply rn, at work", "en"),
    ],
)
def test_the_writer_not_answering_is_no_collapse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Not answering, said of oneself, gets no fainting or collapse flag."""
    assert "fainting_collapse_or_fit" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("she wont respond", "en"),
        ("i think my wife is not responding", "en"),
        ("mi mujer se desmayó y no responde", "es"),
        ("no responde", "es"),
        ("она не отвечает", "ru"),
        ("жена не отвечает и не просыпается", "ru"),
        ("i cant get her to respond", "en"),
        ("cant get him to wake up", "en"),
        ("no puedo despertarla", "es"),
        ("no consigo despertar a mi marido", "es"),
        ("не могу её разбудить", "ru"),
        ("никак не могу добудиться жену", "ru"),
    ],
)
def test_someone_who_does_not_respond_is_still_a_collapse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A person who does not respond, or whom the writer cannot get to respond or wake, gets
    the emergency call (E2, E6)."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert "fainting_collapse_or_fit" in result.flags


@pytest.mark.parametrize(
    "text",
    [
        "i cant get the app to respond",
        "cant get my husband to answer his phone",
        "i cant get him to come to the scan with me",
    ],
)
def test_a_thing_or_a_call_that_gets_no_answer_is_no_collapse(
    rules_only: SafetyScreen, text: str
) -> None:
    """An app that does not respond, or a partner who does not answer the phone or come
    along, is no collapse."""
    assert "fainting_collapse_or_fit" not in rules_only.screen(text, "en").flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("cant wake up in the mornings", "en"),
        ("i cant wake up in the morning, so tired", "en"),
        ("i struggle to wake up on time", "en"),
        ("no me puedo despertar por las mañanas", "es"),
        ("no puedo despertar temprano", "es"),
        ("не могу разбудить себя утром", "ru"),
        ("не могу себя разбудить по утрам", "ru"),
    ],
)
def test_the_writers_own_hard_mornings_are_no_collapse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Finding it hard to wake oneself in the mornings gets no fainting or collapse flag."""
    assert "fainting_collapse_or_fit" not in rules_only.screen(text, lang).flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i cant wake her up in the morning", "en"),
        ("my wife wont wake up this morning", "en"),
        ("she cant respond", "en"),
        ("no consigo despertar a mi marido por la mañana", "es"),
        ("не могу разбудить жену утром", "ru"),
    ],
)
def test_someone_else_who_cannot_be_roused_in_the_morning_still_is_a_collapse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Someone the writer cannot wake or get an answer from, in the morning too, gets the
    emergency call (E2, E6)."""
    assert "fainting_collapse_or_fit" in rules_only.screen(text, lang).flags
