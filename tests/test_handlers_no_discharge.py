"""After "No discharge" the check-in asks nothing more about the discharge itself (no
consistency, amount or smell) but still every other sign: itch, pain, bleeding, leak, fever
and movements. The real PTB Application at the wire."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from bot.domain.stage import LifeStage
from tests.conftest import Wired
from tests.support.checkin_walk import NORMAL_AT_30_WEEKS, Wanted, answer, question
from tests.support.updates import callback_update, message_update
from tests.test_handlers_flow import USER, stored_doc

DISCHARGE_ITSELF = ("consistency", "amount", "odour")


async def send(w: Wired, text: str, lang: str = "en") -> None:
    await w.app.process_update(message_update(w.app.bot, USER, text, language_code=lang))


async def press(w: Wired, end: str, lang: str = "en") -> None:
    """Press the button on screen whose callback data is or ends with ``end``."""
    data = next(d for _, d in w.wire.last_buttons() if d and (d == end or d.endswith(":" + end)))
    await w.app.process_update(callback_update(w.app.bot, USER, data, language_code=lang))


async def onboard(w: Wired, lang: str = "en") -> None:
    """Consent, pregnant at 30 weeks, no country, then the reminder offer left open."""
    await send(w, "/start", lang)
    await press(w, "ob:consent", lang)
    await press(w, "ob:status:pregnant", lang)
    await press(w, "ob:weeks", lang)
    await send(w, "30", lang)
    await press(w, "ob:country:skip", lang)


async def walk_checkin(w: Wired, answers: dict[str, Wanted]) -> list[str]:
    """Answer a whole check-in from ``answers``; the fields asked, in order."""
    await send(w, "/checkin")
    asked: list[str] = []

    async def tap(data: str) -> None:
        await w.app.process_update(callback_update(w.app.bot, USER, data))

    while (field := question(w.wire.last_buttons())) is not None and len(asked) < 40:
        asked.append(field)
        await answer(w.wire.last_buttons, tap, field, answers.get(field))
    return asked


async def to_colour(w: Wired, lang: str = "en") -> None:
    await send(w, "/checkin", lang)
    await press(w, "t:danger_signs:none", lang)
    await press(w, "d:danger_signs", lang)


async def test_no_discharge_goes_straight_to_itching(wired: Wired) -> None:
    """After "No discharge" the next question is about itching, not the discharge's look."""
    await onboard(wired)
    await to_colour(wired)
    await press(wired, "a:colour:none")
    assert question(wired.wire.last_buttons()) == "itch_soreness"


async def test_no_discharge_still_asks_the_other_signs(wired: Wired) -> None:
    """A check-in with "No discharge" asks pain, bleeding, leak, fever and movements, and
    stores no answer about the discharge itself."""
    await onboard(wired)
    asked = await walk_checkin(wired, {**NORMAL_AT_30_WEEKS, "colour": "none"})
    assert asked[:2] == ["danger_signs", "colour"]
    for field in ("itch_soreness", "pain", "bleeding", "fluid_leak", "fever", "baby_movements"):
        assert field in asked
    assert not set(DISCHARGE_ITSELF) & set(asked)
    stored = (await stored_doc(wired))["checkins"][-1]["answers"]
    assert stored["colour"] == "none"
    assert not set(DISCHARGE_ITSELF) & set(stored)


async def test_no_discharge_and_nothing_else_is_normal(wired: Wired) -> None:
    """The unasked questions do not make an all-clear check-in look worrying."""
    await onboard(wired)
    await walk_checkin(wired, {**NORMAL_AT_30_WEEKS, "colour": "none"})
    level = (await stored_doc(wired))["checkins"][-1]["level"]
    assert level == "normal"


async def test_no_discharge_with_a_leak_still_triages_the_leak(wired: Wired) -> None:
    """A gush of fluid after "No discharge" is still asked about and still urgent or worse."""
    await onboard(wired)
    await walk_checkin(wired, {**NORMAL_AT_30_WEEKS, "colour": "none", "fluid_leak": "gush"})
    level = (await stored_doc(wired))["checkins"][-1]["level"]
    assert level in ("urgent", "emergency")


async def test_back_from_itching_returns_to_the_colour(wired: Wired) -> None:
    """Back after "No discharge" returns to the colour question, where another answer brings
    the consistency question back."""
    await onboard(wired)
    await to_colour(wired)
    await press(wired, "a:colour:none")
    await press(wired, "b")
    assert question(wired.wire.last_buttons()) == "colour"
    await press(wired, "a:colour:white")
    assert question(wired.wire.last_buttons()) == "consistency"


@pytest.mark.parametrize("lang", ["en", "es", "ru"])
async def test_the_count_of_questions_shrinks_after_no_discharge(
    wired: Wired, catalog: Catalog, lang: str
) -> None:
    """The header counts the questions really left, in the user's language."""
    await onboard(wired, lang)
    await to_colour(wired, lang)
    await press(wired, "a:colour:none", lang)
    text = wired.wire.texts()[-1]
    assert catalog.t(lang, "q.itch_soreness") in text
    total = len(catalog.flow.applicable(LifeStage(status="pregnant", weeks=30)))
    header = catalog.t(lang, "checkin.header", number=3, total=total - len(DISCHARGE_ITSELF))
    assert header in text
