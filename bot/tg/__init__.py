"""The Telegram adapter: conversion, replies, handlers, polling, webhook, reminder sender.

``telegram`` (python-telegram-bot) is imported here and by the two wiring modules that build
and start the Application, ``bot.app`` and ``bot.runner``; nowhere else, so the domain,
services, catalog, storage, reminders, reports, health and the console chat never handle a
PTB type (``tests/test_layout.py`` fails otherwise).

PTB 22 hands out durations (``RetryAfter.retry_after``) as int seconds with a deprecation
warning unless ``PTB_TIMEDELTA`` is set, and as ``timedelta`` when it is (PTB 23's only form).
It is set here, before any duration is read (PTB reads the variable at every access), so the
bot handles the one form PTB is moving to.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import cast

from telegram.error import RetryAfter

os.environ["PTB_TIMEDELTA"] = "true"


def retry_after_seconds(exc: RetryAfter) -> float:
    """How long Telegram asked us to wait, in seconds."""
    return cast(dt.timedelta, exc.retry_after).total_seconds()
