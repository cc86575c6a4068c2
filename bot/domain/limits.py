"""Limits that more than one part of the bot reads, each stated once.

Telegram's sizes are read by the content checks, the services and the safety screen; the
flood gate's, the reminder sender's and the reminder scheduler's defaults by their classes and
by ``bot.config``. They
live here, in the pure core, so every side imports them without importing another side.
"""

from __future__ import annotations

CALLBACK_DATA_MAX = 64  # Telegram's limit, in bytes
MESSAGE_MAX = 4096  # Telegram's limit, in characters

FLOOD_BURST = 40  # updates a person may send at once (a check-in is about 20 taps)
FLOOD_RATE_PER_MINUTE = 60  # then this many a minute; more are dropped
REMINDER_RATE = 25.0  # reminder messages a second overall, under Telegram's ~30
REMINDER_GRACE_MINUTES = 120  # a reminder missed by downtime is sent this late at most
