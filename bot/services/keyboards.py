"""Building inline keyboards from labels, with rows that read well on a phone."""

from __future__ import annotations

from bot.services.events import Button

SHORT_LABEL = 16  # labels up to this many characters sit two to a row


def rows(buttons: list[Button]) -> list[list[Button]]:
    """One button per row, or two per row when every label is short."""
    if buttons and all(len(b.label) <= SHORT_LABEL for b in buttons):
        return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return [[b] for b in buttons]
