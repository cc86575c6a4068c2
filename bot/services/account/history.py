"""``/history``: the chart of recent days, then the check-ins a page at a time, newest first."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from bot.domain.models import CheckIn
from bot.services.account.chart import send_chart
from bot.services.account.periods import period
from bot.services.account.words import answer_words, local_time, long_date, stage_words
from bot.services.events import Button
from bot.services.turn import Turn

HISTORY_PAGE = 5


def _newest_first(turn: Turn) -> list[CheckIn]:
    assert turn.doc is not None
    return sorted(turn.doc.checkins, key=lambda c: c.at, reverse=True)


async def show_history(turn: Turn) -> None:
    """The chart of recent days, then the first page of check-ins."""
    if not _newest_first(turn):
        say_empty(turn)
        return
    recent = period(turn, "30")
    has_recent = any(recent[0] <= c.local_date for c in _newest_first(turn))
    await send_chart(turn, "30" if has_recent else "all")
    show_page(turn, 0)


def say_empty(turn: Turn, *, edit: bool = False) -> None:
    """No check-ins yet: say so, with the way to log the first one."""
    turn.say(
        turn.t("account.history_empty"),
        [[turn.button("btn.start_checkin", "checkin:start")]],
        edit=edit,
    )


def show_page(turn: Turn, page: int, *, edit: bool = False) -> None:
    """One page of check-ins, newest first, with delete and page buttons."""
    records = _newest_first(turn)
    if not records:
        say_empty(turn, edit=edit)
        return
    pages = -(-len(records) // HISTORY_PAGE)
    page = max(0, min(page, pages - 1))
    shown = records[page * HISTORY_PAGE : (page + 1) * HISTORY_PAGE]
    per_day = Counter(c.local_date for c in records)
    entries = [
        {
            "n": n,
            "date": long_date(turn, c.local_date),
            # A day with several check-ins tells them apart by the time of day.
            "time": local_time(turn, c.at) if per_day[c.local_date] > 1 else "",
            "stage": _rendered(stage_words(turn, c)),
            "answers": [
                _rendered(f"{name}: {value}") for name, value in answer_words(turn, c, brief=True)
            ],
            "level": c.level,
        }
        for n, c in enumerate(shown, start=1)
    ]
    text = turn.render("history.j2", entries=entries, page=page + 1, pages=pages)
    buttons = [
        [
            Button(turn.t("btn.delete_entry", n=n), f"del:c:{c.id}")
            for n, c in enumerate(shown, start=1)
        ]
    ]
    nav = []
    if page > 0:
        nav.append(turn.button("btn.prev_page", f"hist:p:{page - 1}"))
    if page < pages - 1:
        nav.append(turn.button("btn.next_page", f"hist:p:{page + 1}"))
    if nav:
        buttons.append(nav)
    buttons.append([turn.button("btn.summary", "sum")])
    turn.say(text, buttons, edit=edit)


def _rendered(text: str) -> Markup:
    # Words from the catalog are already escaped by their own render; passing them into a
    # template as plain str would escape them a second time ("Baby&#39;s").
    return Markup(text)  # noqa: S704
