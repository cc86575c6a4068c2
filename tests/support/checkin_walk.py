"""One check-in walk for every harness: read the question off the keyboard, tap its answer.

Handler tests (``process_update`` with a fake request), the e2e tier and the end-to-end
benchmark (HTTP against the fake Bot API) reach the bot differently, but walk a check-in the
same way. The question asked is the field id in the screen's check-in buttons
(``ck:<session>:<kind>:<field>[:<option>]``); a one-answer question gets one tap, a
multi-select a tap per option and then Done (the danger-sign screen ends at the first tap of
a sign), and a field the table does not name is skipped.
Each harness passes how it reads the current buttons and how it taps one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence

# One option id, several option ids (multi-select, then Done), or None to skip the question.
Wanted = str | list[str] | None
Buttons = Sequence[tuple[str, str | None]]  # (label, callback data) on the current screen

# One answer per question of a check-in at 30 weeks that triages as normal.
NORMAL_AT_30_WEEKS: Mapping[str, Wanted] = {
    "danger_signs": ["none"],
    "colour": "white",
    "consistency": "thin",
    "amount": "increased",
    "odour": "none",
    "itch_soreness": "none",
    "pain": ["none"],
    "bleeding": "none",
    "fluid_leak": "none",
    "fever": "no",
    "baby_movements": "normal",
    "context": ["none"],
}

_QUESTION_KINDS = ("a", "t", "d", "s")  # answer, toggle, done, skip: the buttons of a question


def question(buttons: Buttons) -> str | None:
    """The check-in field the screen asks about, or None when it asks nothing."""
    for _, data in buttons:
        parts = (data or "").split(":")
        if parts[0] == "ck" and len(parts) >= 4 and parts[2] in _QUESTION_KINDS:
            return parts[3]
    return None


def answer_taps(field: str, wanted: Wanted) -> list[str]:
    """The ends of the callback data to tap, in order, to answer ``field`` with ``wanted``."""
    if wanted is None:
        return [f"s:{field}"]
    if isinstance(wanted, list):
        return [*(f"t:{field}:{option}" for option in wanted), f"d:{field}"]
    return [f"a:{field}:{wanted}"]


def find(buttons: Buttons, end: str) -> str:
    """The callback data on the screen that ends with ``:end``."""
    for _, data in buttons:
        if data and data.endswith(":" + end):
            return data
    raise AssertionError(f"no button ending {end!r} in {list(buttons)}")


async def answer(
    buttons: Callable[[], Buttons],
    tap: Callable[[str], Awaitable[object]],
    field: str,
    wanted: Wanted,
) -> None:
    """Answer the current question: each tap is found on the screen as it is then. A tap
    that ends the question (a danger sign ends the check-in at once) ends the answer."""
    for end in answer_taps(field, wanted):
        if question(buttons()) != field:
            return
        await tap(find(buttons(), end))


async def walk_questions(
    buttons: Callable[[], Buttons],
    tap: Callable[[str], Awaitable[object]],
    answers: Mapping[str, Wanted],
    *,
    limit: int = 40,
    stop_at: str | None = None,
) -> None:
    """Answer every question the bot asks from ``answers`` until it asks nothing more (or
    until it asks ``stop_at``, left unanswered).

    Raises AssertionError when the check-in has not ended after ``limit`` questions.
    """
    for _ in range(limit):
        field = question(buttons())
        if field is None or field == stop_at:
            return
        await answer(buttons, tap, field, answers.get(field))
    raise AssertionError(f"the check-in did not end after {limit} questions")
