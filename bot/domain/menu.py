"""The bot's slash commands, in menu order.

The Telegram adapter publishes them as the command menu (each with its ``commands.<name>``
string) and the content check requires /help to name them; the chat service answers them.
They live in the core so the content check need not import the chat service to read them.
"""

from __future__ import annotations

COMMANDS = (
    "start",
    "checkin",
    "history",
    "summary",
    "topics",
    "reminders",
    "export",
    "delete",
    "privacy",
    "language",
    "profile",
    "help",
    "cancel",
)
