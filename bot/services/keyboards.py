"""Building inline keyboards from labels, with rows that read well on a phone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.services.events import Button

if TYPE_CHECKING:
    from bot.services.turn import Turn

SHORT_LABEL = 16  # labels up to this many characters sit two to a row


def rows(buttons: list[Button]) -> list[list[Button]]:
    """One button per row, or two per row when every label is short."""
    if buttons and all(len(b.label) <= SHORT_LABEL for b in buttons):
        return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return [[b] for b in buttons]


def main_menu(turn: Turn) -> list[list[Button]]:
    """The buttons offered when nothing else is going on."""
    return [
        [turn.button("btn.start_checkin", "checkin:start")],
        [turn.button("btn.topics", "topics"), turn.button("btn.history", "hist:0")],
        [turn.button("btn.reminders", "rem:menu")],
    ]


def way_on(turn: Turn) -> list[list[Button]]:
    """Under "stopped" or "cancelled": the main menu once a stage is known (a check-in needs
    one), else nothing, so a stopped prompt is no dead end."""
    known = turn.doc is not None and turn.doc.profile.status is not None
    return main_menu(turn) if known else []
