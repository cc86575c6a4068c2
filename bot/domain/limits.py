"""Telegram's size limits, which the content checks, the services and the safety screen share.

They live here, in the pure core, so the catalog's checks and the services import them from
one place (neither has to import the other).
"""

from __future__ import annotations

CALLBACK_DATA_MAX = 64  # Telegram's limit, in bytes
MESSAGE_MAX = 4096  # Telegram's limit, in characters
