"""Resident memory of the bot process with many stored users (target <= 120 MB at 100,000).

Seeds a TinyDB data directory with ``--users`` valid user documents by writing the engine's
files directly (``users/<key>.json`` holding ``{"user": {"1": <UserDoc>}}``, without fsync,
so seeding takes seconds): each user has consented, is pregnant, has ``--checkins``
check-ins and, for ``--reminder-share`` of them (half by default), a daily reminder that was
already sent today (so the scheduler indexes them but sends nothing during the
measurement). Then it starts ``python -m bot run`` against the fake Bot API and reads
``VmRSS`` from ``/proc/<pid>/status``:

- when the bot first polls;
- once the reminder scheduler has rebuilt its index from all stored users (the log event
  ``reminder_index_rebuilt``: every document has been read and validated once) and the crisis
  screen's sentence encoder, which loads in the background, is in memory (``crisis_net_loaded``);
- after traffic: ``--active`` people onboard, do a full check-in and type a question each.

The largest of these, and the peak (``VmHWM``), are reported; ``--repeat`` whole runs give
medians.

What ``VmRSS`` counts: the process's anonymous memory (its heap: Python objects, numpy arrays
it made) plus the pages of files mapped into it that are resident, which are the shared
libraries and the crisis encoder's memory-mapped weight files (``bot.catalog.encoder_files``).
Those file pages are shared with the page cache and with any other process mapping the same
files, and the kernel can drop them under pressure and read them again; they still count in
``VmRSS``, so the target is checked against ``VmRSS`` whole. The split (``RssAnon``,
``RssFile`` + ``RssShmem``) is printed for the moment after the rebuild, to say where the
memory is.

    .venv/bin/python benchmarks/memory_bench.py [--users 100000] [--checkins 12]

With ``BOT_INSTALL_FILES_DIR`` set, the bot uses that install directory (run ``python -m bot
content check`` with the same setting first, so that the start skips the checks and reads the
FAQ index, as an installed bot's does).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_bench import Observer, Person, checkin, onboard  # noqa: E402

from bot.domain.models import CheckIn, HistoryInfo, Profile, ReminderPrefs, UserDoc  # noqa: E402
from bot.install_files import DIR_VARIABLE  # noqa: E402
from bot.storage.tinydb_store import TinyDBStorage  # noqa: E402
from tests.e2e import BotProcess, spawn_bot, wait_polling  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI  # noqa: E402

TARGET_MB = 120.0
REBUILD_TIMEOUT = 600.0
UPDATES_PER_RUN = 1_000_000  # far more than a run's traffic sends
QUESTION = "is it normal to have more creamy white discharge at thirty weeks of pregnancy"


def key_for(i: int) -> str:
    """The storage key of seeded user ``i`` (32 hex characters, as the bot's keys)."""
    return f"{i:032x}"


def template_doc(checkins: int, reminder: bool) -> tuple[dict[str, object], list[str]]:
    """A valid stored state (through the bot's own model, so it loads without errors) and
    the JSON lines of its history."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    answers = {
        "danger_signs": ["none"],
        "colour": "white",
        "consistency": "creamy",
        "amount": "usual",
        "odour": "none",
        "itch_soreness": "none",
        "pain": ["none"],
        "bleeding": "none",
        "fever": "no",
        "weeks": 30,
    }
    history = [
        CheckIn.model_validate(
            {
                "at": now - dt.timedelta(days=d),
                "local_date": (now - dt.timedelta(days=d)).date(),
                "answers": answers,
                "level": "normal",
                "reasons": ["normal_pregnancy_discharge"],
                "topics": ["normal_discharge_pregnancy"],
            }
        )
        for d in range(checkins)
    ]
    doc = UserDoc(
        key="0" * 32,
        chat_id=1,
        created_at=now - dt.timedelta(days=60),
        consent_at=now - dt.timedelta(days=60),
        profile=Profile(status="pregnant", due_date=(now + dt.timedelta(days=70)).date()),
        history=HistoryInfo.of(history),
        reminder=ReminderPrefs(enabled=reminder, time="00:01", tz="UTC", last_sent_date=now.date()),
        processed_updates=list(range(1000, 1000 + 30)),
        last_seen=now,
    )
    return doc.model_dump(mode="json"), [c.model_dump_json() for c in history]


def seed(data_dir: Path, users: int, checkins: int, reminder_share: float = 0.5) -> float:
    """Initialise ``data_dir`` with the engine, then write ``users`` user files, the first
    ``reminder_share`` of them with a daily reminder; seconds."""
    started = time.perf_counter()

    async def init() -> None:
        storage = await TinyDBStorage.open(data_dir)
        await storage.close()

    asyncio.run(init())
    users_dir = data_dir / "users"
    bodies = []
    lines: list[str] = []
    for reminder in (False, True):
        doc, lines = template_doc(checkins, reminder)
        text = json.dumps(doc, separators=(",", ":"))
        # Placeholders make per-user values a cheap string replacement.
        text = text.replace('"key":"' + "0" * 32 + '"', '"key":"@KEY@"').replace(
            '"chat_id":1,', '"chat_id":@CHAT@,'
        )
        bodies.append('{"user":{"1":' + text + "}}")
    with_reminder = round(users * reminder_share)
    for i in range(users):
        key = key_for(i)
        body = (
            bodies[i < with_reminder].replace("@KEY@", key).replace("@CHAT@", str(10_000_000 + i))
        )
        fd = os.open(users_dir / f"{key}.json", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, body.encode())
        finally:
            os.close(fd)
        if lines:
            history = data_dir / "history" / f"{key}.jsonl"
            history.write_text("".join(f"{line}\n" for line in lines), encoding="ascii")
    return time.perf_counter() - started


def install_files() -> dict[str, str]:
    """``BOT_INSTALL_FILES_DIR`` for the bot, when set here (the bot's environment is otherwise
    cleared of ``BOT_`` settings): a private copy keeps the stamp and the FAQ index other
    checkouts write to the shared one from deciding what a measured start rebuilds."""
    directory = os.environ.get(DIR_VARIABLE)
    return {DIR_VARIABLE: directory} if directory else {}


def status_mb(pid: int, field: str) -> float:
    """A ``/proc/<pid>/status`` value (kB) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


async def _logged(process: BotProcess, event: str, timeout: float) -> float:
    started = time.monotonic()
    while event not in process.stderr(limit=10**7):
        if not process.alive():
            raise RuntimeError(f"the bot exited:\n{process.stderr()}")
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"no {event} in time")
        await asyncio.sleep(0.1)
    return time.monotonic() - started


async def measure_process(
    data_dir: Path, active: int, first_update_id: int = 1
) -> dict[str, float]:
    """Start the bot on ``data_dir`` and read its memory at the three moments.

    Each run on the same ``data_dir`` needs update ids the bot has not seen in an earlier
    one (``first_update_id``): it drops an update it already handled, unanswered."""
    with tempfile.TemporaryDirectory(prefix="memory-bench-logs-") as logs:
        async with FakeBotAPI(first_update_id=first_update_id) as api:
            observer = Observer(api)
            process = spawn_bot(api, data_dir, Path(logs), BOT_LOG_LEVEL="INFO", **install_files())
            try:
                await wait_polling(api, process, timeout=120.0)
                startup = api.calls_to("getUpdates")[0].at - process.started_wall
                at_poll = status_mb(process.pid, "VmRSS")
                rebuild = await _logged(process, "reminder_index_rebuilt", REBUILD_TIMEOUT)
                # Production memory includes the crisis screen: wait until it has loaded.
                await _logged(process, "crisis_net_loaded", REBUILD_TIMEOUT)
                after_rebuild = status_mb(process.pid, "VmRSS")
                anon = status_mb(process.pid, "RssAnon")
                files = status_mb(process.pid, "RssFile") + status_mb(process.pid, "RssShmem")
                people = [Person(api, observer, 900_000 + i) for i in range(active)]
                await asyncio.gather(*(onboard(p) for p in people))
                await asyncio.gather(*(checkin(p) for p in people))
                # A typed question each: the crisis screen embeds it (its table rows are read).
                await asyncio.gather(*(p.text(QUESTION) for p in people))
                after_traffic = status_mb(process.pid, "VmRSS")
                peak = status_mb(process.pid, "VmHWM")
            finally:
                await process.stop_async(grace=10.0)
    return {
        "startup_s": startup,
        "rebuild_s": rebuild,
        "rss_at_poll_mb": at_poll,
        "rss_after_rebuild_mb": after_rebuild,
        "anon_after_rebuild_mb": anon,
        "file_after_rebuild_mb": files,
        "rss_after_traffic_mb": after_traffic,
        "rss_max_mb": max(at_poll, after_rebuild, after_traffic),
        "peak_hwm_mb": peak,
    }


def measure(
    users: int, checkins: int, active: int, repeat: int, reminder_share: float = 0.5
) -> dict[str, float]:
    """Seed once, start the bot ``repeat`` times; medians of every figure."""
    with tempfile.TemporaryDirectory(prefix="memory-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        seconds = seed(data_dir, users, checkins, reminder_share)
        size = (data_dir / "users" / f"{key_for(0)}.json").stat().st_size
        runs = [
            asyncio.run(
                measure_process(data_dir, active, first_update_id=1 + run * UPDATES_PER_RUN)
            )
            for run in range(repeat)
        ]
    out = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    out.update({"users": float(users), "seed_s": seconds, "doc_kb": size / 1024})
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when the largest RSS is above the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--checkins", type=int, default=12, help="check-ins per seeded user")
    parser.add_argument("--active", type=int, default=10, help="people doing a check-in")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--reminder-share", type=float, default=0.5, help="share of users with a daily reminder"
    )
    args = parser.parse_args(argv)
    r = measure(args.users, args.checkins, args.active, args.repeat, args.reminder_share)
    print(
        f"{int(r['users'])} users seeded in {r['seed_s']:.1f} s ({r['doc_kb']:.1f} KB each);"
        f" start-up {r['startup_s']:.2f} s; index rebuilt in {r['rebuild_s']:.1f} s"
    )
    print(
        f"VmRSS MB: at first poll {r['rss_at_poll_mb']:.1f}, after index rebuild "
        f"{r['rss_after_rebuild_mb']:.1f}, after {args.active} check-ins "
        f"{r['rss_after_traffic_mb']:.1f}; peak (VmHWM) {r['peak_hwm_mb']:.1f}"
    )
    print(
        f"after index rebuild: anonymous {r['anon_after_rebuild_mb']:.1f} MB, file-backed "
        f"{r['file_after_rebuild_mb']:.1f} MB (shared libraries, memory-mapped encoder files)"
    )
    print(f"largest: {r['rss_max_mb']:.1f} MB (target <= {TARGET_MB:g} MB)")
    return 0 if r["rss_max_mb"] <= TARGET_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
