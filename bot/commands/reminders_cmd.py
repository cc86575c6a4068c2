"""``python -m bot reminders plan``: print the UTC instants a daily reminder is due.

Usage (``argv`` is what follows ``reminders``)::

    python -m bot reminders plan --tz Europe/Berlin --time 02:30 --from 2026-03-28 --days 3

prints one instant per line, ISO 8601 with ``Z``, computed by the same function the
scheduler uses (``bot.reminders.schedule.plan``), so DST days show the substitute times. A
local date without any valid instant at or after the time prints nothing. Errors (unknown
zone, bad time or date, ``--days`` < 1) exit 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any, NoReturn, TextIO

from bot.reminders.schedule import (
    MAX_PLAN_DAYS,
    ReminderSettingsError,
    format_utc,
    parse_hhmm,
    plan,
    validate_zone,
)

USAGE_EXIT = 2
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Stop(Exception):
    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Parser(argparse.ArgumentParser):
    """argparse that reports through the given streams and never calls sys.exit."""

    def __init__(self, stdout: TextIO, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._stdout = stdout

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Stop(status, message or "")

    def error(self, message: str) -> NoReturn:
        raise _Stop(USAGE_EXIT, message)

    def print_help(self, file: Any = None) -> None:
        super().print_help(file or self._stdout)


def _zone(text: str) -> str:
    try:
        return validate_zone(text)
    except ReminderSettingsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _time(text: str) -> dt.time:
    try:
        return parse_hhmm(text)
    except ReminderSettingsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(text: str) -> dt.date:
    try:
        if _DATE_RE.fullmatch(text) is None:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "date must be YYYY-MM-DD, for example 2026-03-29"
        ) from None


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("days must be a whole number") from None
    if not 1 <= days <= MAX_PLAN_DAYS:
        raise argparse.ArgumentTypeError(f"days must be between 1 and {MAX_PLAN_DAYS}")
    return days


def _parser(stdout: TextIO) -> _Parser:
    parser = _Parser(stdout, prog="python -m bot reminders", description="Daily reminder tools.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    plan_cmd = commands.add_parser(
        "plan",
        stdout=stdout,
        help="print the UTC instants a reminder is due",
        description="Print one UTC instant per local day at which the reminder is due.",
    )
    plan_cmd.add_argument("--tz", required=True, type=_zone, help="IANA time zone name")
    plan_cmd.add_argument("--time", required=True, type=_time, help="local time, HH:MM")
    plan_cmd.add_argument(
        "--from", dest="start", required=True, type=_date, help="first local date, YYYY-MM-DD"
    )
    plan_cmd.add_argument("--days", required=True, type=_days, help="number of local days")
    return parser


def run(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run a ``reminders`` sub-command; 0 on success, 2 on bad input."""
    try:
        args = _parser(stdout).parse_args(argv)
        instants = plan(args.tz, args.time, args.start, args.days)
    except _Stop as stop:
        if stop.message:
            print(f"error: {stop.message.strip()}", file=stderr)
        return stop.status
    except ReminderSettingsError as exc:
        print(f"error: {exc}", file=stderr)
        return USAGE_EXIT
    for instant in instants:
        print(format_utc(instant), file=stdout)
    return 0
