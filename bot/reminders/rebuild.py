"""The start-up look at every stored user for the reminder index: when each is next worth a look.

``first_look`` decides it for one stored document. With the TinyDB engine the scheduler runs
it over every user in a child process (``python -m bot.reminders.rebuild DATA_DIR NOW GRACE``)
that streams one line per indexed user to the bot, so the bot process never parses the stored
documents at all: parsing 100,000 of them there, between the long-lived objects the running
bot makes meanwhile, left 8-15 MB of fragmented heap that the process kept for good. The
child's memory is returned to the system when it exits.

The lines, in the order the users are read: ``KEY MICROS`` (schedule ``KEY`` at that instant,
microseconds since the epoch), ``KEY !`` (stored reminder settings that are not valid), and
last ``= COUNT`` (every user was read; a stream without it is incomplete). Users with nothing
to schedule have no line.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from bot.domain.models import HistoryInfo, ReminderPrefs
from bot.reminders.schedule import (
    NotDue,
    ReminderSettingsError,
    SkipCheckedIn,
    decide,
)
from bot.storage.base import JsonDoc

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
INVALID = "!"
END = "="
_FLUSH_EVERY = 200  # lines: the bot schedules users while the child still reads


class InvalidPrefs(Exception):
    """The stored reminder settings (or what they depend on) are not valid."""


def eligible(active: object, consent_at: object, prefs: ReminderPrefs) -> bool:
    """True when this user may get reminders at all."""
    return active is not False and consent_at is not None and prefs.enabled


def first_look(doc: JsonDoc, now: dt.datetime, grace: dt.timedelta) -> dt.datetime | None:
    """When the scheduler should first look at this stored user (``now`` when something may
    be due already; None: never, reminders are off). Raises ``InvalidPrefs``."""
    try:
        prefs = ReminderPrefs.model_validate(doc.get("reminder") or {})
        if not eligible(doc.get("active", True), doc.get("consent_at"), prefs):
            return None
        decision = decide(
            prefs,
            HistoryInfo.model_validate(doc.get("history") or {}).last_local_date,
            now,
            grace=grace,
        )
    except (ValidationError, ReminderSettingsError, ValueError, TypeError, AttributeError):
        raise InvalidPrefs from None
    if isinstance(decision, NotDue | SkipCheckedIn):
        return decision.next_due
    return now


def micros(when: dt.datetime) -> int:
    """``when`` as microseconds since the epoch."""
    return (when - _EPOCH) // _MICROSECOND


def instant(value: int) -> dt.datetime:
    """The instant ``value`` microseconds after the epoch (UTC)."""
    return _EPOCH + dt.timedelta(microseconds=value)


def line_look(value: str) -> dt.datetime:
    """What a line's value says, as ``first_look`` said it in the child: the instant of
    ``MICROS``; raises ``InvalidPrefs`` for ``!``."""
    if value == INVALID:
        raise InvalidPrefs
    return instant(int(value))


def command(data_dir: Path, now: dt.datetime, grace: dt.timedelta) -> list[str]:
    """The child process's command line, for this interpreter."""
    return [
        sys.executable,
        "-m",
        "bot.reminders.rebuild",
        str(data_dir),
        str(micros(now)),
        str(grace.total_seconds()),
    ]


def child_env() -> dict[str, str]:
    """The environment for the child: this one, with this copy of the bot first on the path."""
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    return env


def write_lines(data_dir: Path, now: dt.datetime, grace: dt.timedelta, out: IO[str]) -> int:
    """Read every user stored in the TinyDB ``data_dir`` and write their lines; the count."""
    from bot.storage.tinydb_store import read_users

    count = 0
    for key, doc in read_users(data_dir):
        count += 1
        try:
            when = first_look(doc, now, grace)
        except InvalidPrefs:
            out.write(f"{key} {INVALID}\n")
            continue
        if when is not None:
            out.write(f"{key} {micros(when)}\n")
        if count % _FLUSH_EVERY == 0:
            out.flush()
    out.write(f"{END} {count}\n")
    out.flush()
    return count


def main(argv: Sequence[str]) -> int:
    """``DATA_DIR NOW_MICROS GRACE_SECONDS``: the lines on stdout; exit 0 when all were read."""
    data_dir, now, grace = argv
    write_lines(
        Path(data_dir),
        instant(int(now)),
        dt.timedelta(seconds=float(grace)),
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
