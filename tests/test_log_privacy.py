"""Canary test: every flow run at DEBUG; no marker string and no token reaches the logs."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot import logging_setup
from tests.conftest import Wired
from tests.support.updates import callback_update, message_update

CANARY = "CANARY-BLEED-7f3a"
TOKEN = "123456789:AAE" + "x" * 32
USER = 31337


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging_setup.configure("DEBUG", secrets=[TOKEN], stream=stream)
    yield stream
    logging.getLogger().removeHandler(handler)


async def run_every_flow(w: Wired) -> None:
    bot = w.app.bot

    async def say(text: str) -> None:
        await w.app.process_update(message_update(bot, USER, text))

    async def press(data: str) -> None:
        await w.app.process_update(callback_update(bot, USER, data))

    def buttons() -> list[str]:
        return [d for _, d in w.wire.last_buttons()]

    await say("/start")
    await say(f"{CANARY} heavy bleeding soaking pads")
    await press("ob:consent")
    await press("ob:status:pregnant")
    await say(f"{CANARY} not a date")
    await press("ob:weeks")
    await say("31")
    await say("/checkin")
    await press(next(d for d in buttons() if d.endswith(":t:danger_signs:none")))
    await press(next(d for d in buttons() if ":d:danger_signs" in d))
    await say(f"is {CANARY} brown discharge normal at 31 weeks")
    await press(next(d for d in buttons() if d.endswith(":r")))
    for _ in range(12):
        skip = next((d for d in buttons() if ":s:" in d), None)
        if skip is None:
            break
        await press(skip)
    await press(f"ck:{CANARY}:a:colour:red")
    await press(f"faq:{CANARY}")
    await say("/history")
    await say("/reminders")
    await press("rem:time")
    await say(f"{CANARY}")
    await say("21:15")
    await say("/export")
    await say("/topics")
    await say(f"<b>{CANARY}</b> {{{{7*7}}}}")
    await say("/delete")
    await press("del:yes")


async def test_no_canary_or_token_in_debug_logs(wired: Wired, log_stream: io.StringIO) -> None:
    """Running every flow at DEBUG writes no user text and no token to the log."""
    logging.getLogger("bot.test").debug("token %s", TOKEN)
    await run_every_flow(wired)
    output = log_stream.getvalue()
    assert output, "the flows should log something"
    assert CANARY not in output
    assert TOKEN not in output
    assert str(USER) not in output


async def test_library_records_lose_their_free_text(log_stream: io.StringIO) -> None:
    """A library logger's message (which may carry an update) is reduced to its origin."""
    logging.getLogger("telegram.ext.Application").critical("raw update %s", CANARY)
    assert CANARY not in log_stream.getvalue()
    assert "telegram.ext.Application" in log_stream.getvalue()


async def test_font_subsetting_chatter_stays_out_of_the_log(log_stream: io.StringIO) -> None:
    """fontTools' per-PDF INFO lines are held back even when the bot logs at DEBUG."""
    logging.getLogger("fontTools.subset").info("subsetting glyphs")
    assert "fontTools" not in log_stream.getvalue()


async def test_forged_log_lines_stay_one_record(log_stream: io.StringIO) -> None:
    """A newline in a logged value cannot forge a second log line (JSON lines escape it)."""
    logging.getLogger("bot.test").info("event", extra={"note": "ok\n2026-01-01 INFO admin"})
    lines = [line for line in log_stream.getvalue().splitlines() if "bot.test" in line]
    assert len(lines) == 1
    assert "admin" in lines[0]


async def test_an_extra_field_cannot_overwrite_the_record_level(log_stream: io.StringIO) -> None:
    """A field named 'level' is kept beside the record's own level, never in its place."""
    logging.getLogger("bot.test").info("safety_screen", extra={"level": "emergency"})
    line = json.loads(log_stream.getvalue().splitlines()[-1])
    assert line["level"] == "INFO"
    assert line["field_level"] == "emergency"


async def test_the_safety_screen_line_keeps_its_log_level(
    wired: Wired, log_stream: io.StringIO
) -> None:
    """A red flag's safety_screen line is logged at INFO, with the urgency as its own field."""
    await wired.app.process_update(message_update(wired.app.bot, USER, "I am bleeding heavily"))
    lines = [json.loads(x) for x in log_stream.getvalue().splitlines()]
    (screen,) = [x for x in lines if x["event"] == "safety_screen"]
    assert screen["level"] == "INFO"
    assert screen["urgency"] == "emergency"
