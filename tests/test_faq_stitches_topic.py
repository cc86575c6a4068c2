"""The perineal stitches topic (issue 16): a tear, an episiotomy or stitches after a vaginal
birth answer a new parent's typical questions in en, es and ru, are never a pregnant user's
answer (a cervical stitch is another thing), and never stand in for a red flag."""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.test_faq_cycle_topics import _level
from tests.test_faq_stages import _shown, _topic
from tests.test_handlers_every_stage import PEOPLE, Person, asks_and_gets_topic

STITCHES = "perineal_stitches_after_birth"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my stitches hurt after giving birth"),
        ("en", "episiotomy stitches red and swollen"),
        ("en", "how do i know if my tear is infected"),
        ("es", "me duelen los puntos despues del parto"),
        ("es", "puntos de la episiotomia rojos e hinchados"),
        ("ru", "болят швы после родов"),
        ("ru", "швы после эпизиотомии покраснели и опухли"),
    ],
)
def test_a_new_parents_typical_question_about_stitches_gets_the_stitches_topic(
    lang: str, text: str
) -> None:
    """After a birth, a typical question about stitches or a tear gets the stitches topic."""
    assert _topic(text, lang, status="postpartum") == STITCHES


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my stitches hurt after giving birth"),
        ("es", "me duelen los puntos despues del parto"),
        ("ru", "болят швы после родов"),
    ],
)
def test_stitches_after_giving_birth_get_the_stitches_topic_with_the_stage_unknown(
    lang: str, text: str
) -> None:
    """With the stage not known, stitches said to follow a birth get the stitches topic, not
    the cervical stitch (cerclage) one."""
    assert _topic(text, lang) == STITCHES


def test_a_pregnant_user_asking_about_her_stitch_is_never_shown_the_after_birth_topic() -> None:
    """At 20 weeks, a question about a stitch never gets the after-birth stitches topic."""
    assert STITCHES not in _shown(
        "my stitch hurts, what should i watch for", status="pregnant", weeks=20
    )


def test_stitches_with_signs_of_sepsis_are_an_emergency() -> None:
    """After a birth, sore stitches with shivering, confusion and breathlessness are an
    emergency and get no topic."""
    text = "my stitches are infected and now im shivering, confused and cant catch my breath"
    assert _level(text, status="postpartum") == "emergency"
    assert _topic(text, status="postpartum") is None


NEW_PARENTS = [p for p in PEOPLE if p.status == "postpartum"]
STITCHES_QUESTION = {
    "en": "my stitches hurt after giving birth",
    "es": "me duelen los puntos despues del parto",
    "ru": "болят швы после родов",
}


@pytest.mark.parametrize("person", NEW_PARENTS, ids=[p.id for p in NEW_PARENTS])
async def test_a_new_parent_asking_about_sore_stitches_in_the_chat_gets_the_stitches_answer(
    wired: Wired, person: Person
) -> None:
    """In the chat, a new parent asking about sore stitches gets the stitches answer."""
    await asks_and_gets_topic(wired, person, STITCHES_QUESTION[person.lang], STITCHES)
