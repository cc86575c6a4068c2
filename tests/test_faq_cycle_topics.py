"""The period and cycle topics (issue 16): clots and heavy periods, and spotting, brown
discharge and ovulation pain, answer a cycle tracker's typical questions in en, es and ru, are
never a pregnant user's answer, and never stand in for a red flag."""

from __future__ import annotations

import io
import json

import pytest

from bot.commands import faq_cmd
from tests.conftest import Wired
from tests.test_faq_stages import _shown, _topic
from tests.test_handlers_every_stage import PEOPLE, Person, asks_and_gets_topic

CLOTS = "period_clots_heavy_periods"
SPOTTING = "period_spotting_ovulation"


def _level(text: str, lang: str = "en", **stage: object) -> object:
    """The red-flag level ``python -m bot faq`` gives ``text`` for a person at ``stage``."""
    out = io.StringIO()
    line = json.dumps({"text": text, "lang": lang, **stage})
    faq_cmd.run(io.StringIO(line + "\n"), out)
    return json.loads(out.getvalue())["level"]


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        ("en", "clots on day 2 of my period", CLOTS),
        ("en", "how do i know if my periods are too heavy", CLOTS),
        ("en", "period clots how big is too big", CLOTS),
        ("en", "spotting at ovulation", SPOTTING),
        ("en", "brown discharge at the end of my period normal?", SPOTTING),
        ("en", "what is mittelschmerz", SPOTTING),
        ("es", "es normal echar coagulos con la regla", CLOTS),
        ("es", "que se considera una regla abundante", CLOTS),
        ("es", "manchado en la ovulacion", SPOTTING),
        ("es", "flujo marron al final de la regla", SPOTTING),
        ("ru", "сгустки на второй день месячных", CLOTS),
        ("ru", "какие месячные считаются обильными", CLOTS),
        ("ru", "мажет во время овуляции", SPOTTING),
        ("ru", "коричневые выделения в конце месячных", SPOTTING),
    ],
)
def test_a_cycle_trackers_typical_question_gets_its_cycle_topic(
    lang: str, text: str, topic: str
) -> None:
    """A cycle tracker's typical question about clots, heavy periods or spotting gets its topic."""
    assert _topic(text, lang, status="not_pregnant") == topic


@pytest.mark.parametrize(
    "text",
    [
        "clots on day 2 of my period",
        "spotting at ovulation",
        "brown discharge at the end of my period normal?",
        "i have some spotting and brown discharge, is it normal",
        "passing small clots, is that ok",
    ],
)
def test_a_pregnant_user_asking_about_bleeding_is_never_shown_a_cycle_topic(text: str) -> None:
    """At 38 weeks, a question about clots, spotting or brown discharge never gets a cycle topic."""
    assert not {CLOTS, SPOTTING} & _shown(text, status="pregnant", weeks=38)


def test_clots_bigger_than_a_golf_ball_with_faintness_are_an_emergency() -> None:
    """Big clots with feeling faint are an emergency for a cycle tracker, and get no topic."""
    text = "clots bigger than a golf ball and I feel faint"
    assert _level(text, status="not_pregnant") == "emergency"
    assert _topic(text, status="not_pregnant") is None


def test_soaking_a_pad_every_hour_for_hours_is_never_only_reassured() -> None:
    """Soaking a pad every hour for hours gets at least the same-day banner from the screen."""
    text = "heavy period soaking a pad every hour for hours"
    assert _level(text, status="not_pregnant") in ("urgent", "emergency")
    assert _level(text) in ("urgent", "emergency")


CYCLE_TRACKERS = [p for p in PEOPLE if p.status == "not_pregnant"]
CLOTS_QUESTION = {
    "en": "is it normal to pass clots during my period",
    "es": "es normal echar coagulos con la regla",
    "ru": "это нормально что во время месячных выходят сгустки",
}


@pytest.mark.parametrize("person", CYCLE_TRACKERS, ids=[p.id for p in CYCLE_TRACKERS])
async def test_a_cycle_tracker_asking_about_period_clots_in_the_chat_gets_the_clots_answer(
    wired: Wired, person: Person
) -> None:
    """In the chat, a cycle tracker asking about clots in a period gets the clots answer."""
    await asks_and_gets_topic(wired, person, CLOTS_QUESTION[person.lang], CLOTS)
