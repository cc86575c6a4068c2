"""Structured logging (JSON lines) with redaction, so no token or health data reaches a log.

Log records carry event names and hashed ids only (see RELIABILITY, Privacy rules). As a
second line of defence a filter on every handler rewrites anything that looks like a bot
token or a token-bearing URL, and drops the arguments and exception text of records from
libraries that may embed request data. httpx and httpcore log every URL (with the token) at
INFO, so they are held at WARNING.

An exception is logged as its type and its frames (file, function, line), never its message,
its arguments or the source lines: those can carry what a user typed. The fields a record is
written with (time, level, logger, event) cannot be overwritten by an ``extra`` field of the
same name; such a field is kept as ``field_<name>``.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

TOKEN_PATTERN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
LIBRARY_LEVELS = {
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "telegram": logging.INFO,
    "aiohttp": logging.WARNING,
    # fpdf2's font subsetting writes several INFO lines per summary PDF.
    "fontTools": logging.WARNING,
    "matplotlib": logging.WARNING,
}
# Our own loggers never put user data in messages; library loggers might (PTB logs raw
# updates at CRITICAL when parsing fails), so their free text is not trusted.
OWN_PREFIX = "bot"
# What each output line is made of, renamed from the record's attributes.
OUTPUT_FIELDS = {"asctime": "time", "levelname": "level", "name": "logger", "message": "event"}
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def _where(filename: str) -> str:
    """A frame's file as a short, machine-independent path (no home or venv directories)."""
    path = Path(filename)
    if "site-packages" in path.parts:
        return "/".join(path.parts[path.parts.index("site-packages") + 1 :])
    try:
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except ValueError:
        return path.name


def frames(tb: TracebackType | None) -> list[str]:
    """``file:function:line`` for every frame of a traceback, outermost first; no values."""
    return [
        f"{_where(frame.filename)}:{frame.name}:{frame.lineno}"
        for frame in traceback.extract_tb(tb)
    ]


class RedactingFilter(logging.Filter):
    """Scrubs tokens everywhere and drops free text from records of other libraries."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self._secrets = [s for s in (secrets or []) if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(OWN_PREFIX):
            # Keep the event (logger, level, exception type) but not its possibly personal text.
            summary = f"{record.levelname.lower()} from {record.name}"
            if record.exc_info and record.exc_info[0] is not None:
                summary += f": {record.exc_info[0].__name__}"
                record.__dict__["frames"] = frames(record.exc_info[2])
            record.msg, record.args = summary, None
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            return True
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        record.msg = self._scrub(str(record.msg))
        if record.exc_info and record.exc_info[0] is not None:
            # Exception messages can embed user input: keep the type and where, drop the text.
            record.__dict__["error"] = record.exc_info[0].__name__
            record.__dict__["frames"] = frames(record.exc_info[2])
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        for key, value in list(record.__dict__.items()):
            if isinstance(value, str) and key not in ("msg", "name", "levelname"):
                record.__dict__[key] = self._scrub(value)
        return True

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return TOKEN_PATTERN.sub("<redacted>", text)


class RecordFormatter(JsonFormatter):
    """JSON lines whose time, level, logger and event always come from the record itself."""

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        """The record's fields, then its extras; an extra named like an output field is renamed."""
        super().add_fields(log_data, record, message_dict)
        for attribute, name in OUTPUT_FIELDS.items():
            if name in record.__dict__:
                log_data[f"field_{name}"] = record.__dict__[name]
            log_data[name] = record.__dict__.get(attribute)


def configure(
    level: str = "INFO", *, secrets: list[str] | None = None, stream: TextIO | None = None
) -> logging.Handler:
    """Send all logging to ``stream`` (stderr) as JSON lines through the redacting filter."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        RecordFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields=OUTPUT_FIELDS
        )
    )
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name, minimum in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(max(minimum, logging.getLevelName(level.upper())))
    return handler
