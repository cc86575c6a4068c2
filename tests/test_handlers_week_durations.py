"""Handler tests: a duration typed in a question ("for like 2 weeks", "hace como 2 semanas",
"2 месяца на уколах") is not read as a pregnancy week, so it never picks or drops an answer
as a week would (the real PTB Application, process_update, a fake request at the wire)."""

from __future__ import annotations

import pytest

from bot.catalog import faq_meaning
from tests.conftest import Wired
from tests.test_handlers_flow import send
from tests.test_handlers_stage_fit import onboard_cycle_tracker


async def reply_to(w: Wired, text: str, lang: str = "en") -> tuple[str, list[str]]:
    """The last reply's text and button data after sending ``text``."""
    w.wire.clear()
    await send(w, text, language_code=lang)
    return w.wire.texts()[-1], [data for _, data in w.wire.last_buttons()]


@pytest.fixture(autouse=True)
def words_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The week reading is the lexical matcher's. The meaning step reads each wording's own
    sentence embedding, so "for like 2 weeks" and "for 2 weeks" may rank a third "did you
    mean" a little differently for reasons that have nothing to do with a week: it is left
    out here."""
    monkeypatch.setattr(faq_meaning, "embedded_already", lambda text: None)


@pytest.mark.parametrize(
    ("hedged", "plain", "lang"),
    [
        (
            "lost my mucus plug i think, cramps for like 2 weeks",
            "lost my mucus plug i think, cramps for 2 weeks",
            "en",
        ),
        (
            "creo que perdí el tapón mucoso, cólicos desde hace como 2 semanas",
            "creo que perdí el tapón mucoso, cólicos desde hace 2 semanas",
            "es",
        ),
        (
            "кажется отошла слизистая пробка, 2 месяца на уколах",
            "кажется отошла слизистая пробка",
            "ru",
        ),
    ],
)
async def test_a_hedged_duration_gets_the_reply_of_no_pregnancy_week(
    wired: Wired, hedged: str, plain: str, lang: str
) -> None:
    """A hedged duration, or one on a treatment, gets the reply of the words without a week."""
    assert await reply_to(wired, hedged, lang) == await reply_to(wired, plain, lang)


async def test_a_cycle_tracker_saying_for_like_5_weeks_is_answered(wired: Wired) -> None:
    """A cycle tracker asking about "for like 5 weeks" is answered as "for 5 weeks" is."""
    await onboard_cycle_tracker(wired)
    hedged = await reply_to(wired, "thick white discharge for like 5 weeks, is that normal?")
    plain = await reply_to(wired, "thick white discharge for 5 weeks, is that normal?")
    assert hedged == plain
    assert any(data.startswith("fb:") for data in hedged[1])
