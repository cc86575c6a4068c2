"""``python -m bot migrate``: copy a TinyDB data directory into PostgreSQL, then verify it.

Usage (``argv`` is what follows ``migrate``)::

    python -m bot migrate --from-tinydb data/ --to-postgres postgresql://bot:PW@db/bot
    BOT_DATABASE_URL=postgresql://... python -m bot migrate --from-tinydb data/

(the second form keeps the password out of the process list). Stop the bot first: the
source directory is opened with its exclusive lock (so it cannot change during the copy) and
a full integrity check, and the command refuses to run while the bot holds it.

**Resumable.** Users are copied in batches, each batch one transaction. Before a batch is
written, the target's copies of its keys are read: a key already present with the same
checksum is skipped, so re-running after a kill (or a failure) continues where it stopped
and never writes a document twice. A key present with a DIFFERENT document is a conflict
(someone used the target since): it is left alone and reported, and the run fails, unless
``--overwrite`` is given. Feedback counts, content gaps and the audit trail are each copied
in one transaction, with the same rule: skipped when identical, copied when the target's is
empty, a conflict otherwise.

**Verified.** After copying, everything is read back from PostgreSQL and compared with the
source: counts, the sha256 of each user's canonical JSON (state and history records; sorted
keys, no spaces, ASCII) and a total over all of them, plus a checksum per global collection.
The report is printed; the exit code is 0 only when every count and checksum matches and
there was no conflict, 1 otherwise, 2 for bad usage.

Output holds counts, checksums and (for mismatches, at most a few) storage keys, which are
HMACs; never document content, and never the database URL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from tinydb import TinyDB

from bot.config import load_settings
from bot.storage.atomic import AtomicJSONStorage
from bot.storage.base import JsonDoc, StorageError
from bot.storage.factory import DATABASE_URL_ENV, database_url
from bot.storage.history_layout import checksum
from bot.storage.postgres import PostgresStorage
from bot.storage.tinydb_store import AUDIT_DIR, FORMAT_NAME, TinyDBStorage

DEFAULT_BATCH = 500
PROGRESS_EVERY = 10_000
SHOW_KEYS = 5


def user_unit(state: JsonDoc, history: list[JsonDoc]) -> JsonDoc:
    """What is compared per user: the state and the history records, in order."""
    return {"state": state, "history": history}


def total_checksum(sums: dict[str, str]) -> str:
    """One sha256 over every ``key checksum`` line, in key order."""
    digest = hashlib.sha256()
    for key in sorted(sums):
        digest.update(f"{key} {sums[key]}\n".encode("ascii"))
    return digest.hexdigest()


@dataclass
class UserCopy:
    """What the user pass did."""

    copied: int = 0
    skipped: int = 0
    conflicts: list[str] = field(default_factory=list)
    source_sums: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """One verified quantity: source and target count and checksum."""

    name: str
    source_count: int
    target_count: int
    source_sum: str
    target_sum: str

    @property
    def ok(self) -> bool:
        """True when both count and checksum match."""
        return self.source_count == self.target_count and self.source_sum == self.target_sum


def read_tinydb_audit(data_dir: Path) -> list[tuple[date, JsonDoc]]:
    """Every audit event of a TinyDB data directory with its UTC day, oldest first.

    Read from the per-day segment files directly, because the engine's ``audit_events``
    drops the day, which the PostgreSQL ``audit.day`` column (retention) needs. The caller
    holds the directory's lock through an open TinyDBStorage, so no file changes meanwhile.
    """
    events: list[tuple[date, JsonDoc]] = []
    audit_dir = data_dir / AUDIT_DIR
    for path in sorted(audit_dir.glob("????-??-??.json")):
        day = date.fromisoformat(path.stem)
        what = f"{AUDIT_DIR}/{path.name}"
        db = TinyDB(path, storage=AtomicJSONStorage, name=what)
        try:
            table = db.table("audit", cache_size=0)
            for doc in sorted(table.all(), key=lambda d: int(d.doc_id)):
                events.append((day, dict(doc)))
        finally:
            db.close()
    return events


class Migration:
    """One run of the migration: copy, then verify, writing the report to ``out``."""

    def __init__(
        self,
        source: TinyDBStorage,
        source_dir: Path,
        target: PostgresStorage,
        out: TextIO,
        *,
        batch: int = DEFAULT_BATCH,
        overwrite: bool = False,
    ) -> None:
        """Wire the two open engines."""
        self.source = source
        self.source_dir = source_dir
        self.target = target
        self.out = out
        self.batch = batch
        self.overwrite = overwrite
        self.global_conflicts: list[str] = []

    def say(self, line: str) -> None:
        """Print one report line."""
        print(line, file=self.out, flush=True)

    async def copy_users(self) -> UserCopy:
        """Copy every user document that the target lacks; see the module docstring."""
        total = await self.source.count_users()
        result = UserCopy()
        chunk: list[tuple[str, JsonDoc]] = []
        seen = 0
        async for key, doc in self.source.iter_users():
            chunk.append((key, doc))
            if len(chunk) >= self.batch:
                await self._copy_chunk(chunk, result)
                seen += len(chunk)
                chunk = []
                if seen % PROGRESS_EVERY < self.batch:
                    self._progress(seen, total, result)
        if chunk:
            await self._copy_chunk(chunk, result)
            seen += len(chunk)
        self._progress(seen, total, result)
        return result

    def _progress(self, seen: int, total: int, result: UserCopy) -> None:
        self.say(
            f"users: {seen}/{total} read, {result.copied} copied, {result.skipped} already "
            f"there, {len(result.conflicts)} conflicts"
        )

    async def _copy_chunk(self, chunk: list[tuple[str, JsonDoc]], result: UserCopy) -> None:
        keys = [key for key, _ in chunk]
        existing = await self.target.load_users(keys)
        existing_history = await self.target.load_histories(keys)
        to_write: dict[str, JsonDoc] = {}
        histories: dict[str, list[JsonDoc]] = {}
        for key, doc in chunk:
            history = await self.source.load_history(key)
            digest = checksum(user_unit(doc, history))
            result.source_sums[key] = digest
            if key in existing:
                there = user_unit(existing[key], existing_history.get(key, []))
                if checksum(there) == digest:
                    result.skipped += 1
                    continue
                if not self.overwrite:
                    result.conflicts.append(key)
                    continue
            to_write[key] = doc
            histories[key] = history
        if to_write:
            await self.target.save_users(to_write, histories)
            result.copied += len(to_write)

    async def copy_global(
        self,
        name: str,
        source_value: Any,
        read_target: Callable[[], Awaitable[Any]],
        write_target: Callable[[Any], Awaitable[None]],
    ) -> None:
        """Copy one global collection: skip if identical, write if empty (or --overwrite)."""
        target_value = await read_target()
        if checksum(target_value) == checksum(source_value):
            self.say(f"{name}: identical, nothing to copy")
        elif not target_value or self.overwrite:
            await write_target(source_value)
            self.say(f"{name}: copied {len(source_value)}")
        else:
            self.global_conflicts.append(name)
            self.say(f"{name}: CONFLICT, the target already holds different data (not copied)")

    async def verify(self, users: UserCopy) -> list[Check]:
        """Read everything back from the target and compare it with the source."""
        target_sums: dict[str, str] = {}
        states = [item async for item in self.target.iter_users()]
        for start in range(0, len(states), self.batch):
            part = states[start : start + self.batch]
            histories = await self.target.load_histories([key for key, _ in part])
            for key, doc in part:
                target_sums[key] = checksum(user_unit(doc, histories.get(key, [])))
        checks = [
            Check(
                "users",
                len(users.source_sums),
                len(target_sums),
                total_checksum(users.source_sums),
                total_checksum(target_sums),
            )
        ]
        differing = sorted(
            key
            for key in set(users.source_sums) | set(target_sums)
            if users.source_sums.get(key) != target_sums.get(key)
        )
        if differing:
            shown = ", ".join(differing[:SHOW_KEYS])
            self.say(f"users differing or missing on one side: {len(differing)} (e.g. {shown})")
        feedback = await self.source.feedback_counts()
        gaps = await self.source.content_gaps()
        audit = [[d.isoformat(), e] for d, e in read_tinydb_audit(self.source_dir)]
        target_feedback = await self.target.feedback_counts()
        target_gaps = await self.target.content_gaps()
        target_audit = [[d.isoformat(), e] for d, e in await self.target.audit_by_day()]
        for name, src, dst in (
            ("feedback topics", feedback, target_feedback),
            ("content gaps", gaps, target_gaps),
            ("audit events", audit, target_audit),
        ):
            checks.append(Check(name, len(src), len(dst), checksum(src), checksum(dst)))
        return checks

    async def run(self) -> int:
        """Copy, verify, report; the exit code."""
        users = await self.copy_users()
        if users.conflicts:
            shown = ", ".join(sorted(users.conflicts)[:SHOW_KEYS])
            self.say(
                f"users: {len(users.conflicts)} CONFLICTS, present in the target with a "
                f"different document (not copied; --overwrite replaces them), e.g. {shown}"
            )
        await self.copy_global(
            "feedback",
            await self.source.feedback_counts(),
            self.target.feedback_counts,
            self.target.replace_feedback,
        )
        await self.copy_global(
            "content gaps",
            await self.source.content_gaps(),
            self.target.content_gaps,
            self.target.replace_content_gaps,
        )
        audit = read_tinydb_audit(self.source_dir)
        await self.copy_global(
            "audit",
            [(d.isoformat(), e) for d, e in audit],
            self._target_audit,
            lambda _: self.target.replace_audit(audit),
        )
        checks = await self.verify(users)
        self.say("verify:")
        for check in checks:
            self.say(
                f"  {check.name:<16} source {check.source_count:>8}  target "
                f"{check.target_count:>8}  sha256 {check.source_sum} / {check.target_sum}"
                f"  {'OK' if check.ok else 'MISMATCH'}"
            )
        if all(check.ok for check in checks) and not users.conflicts and not self.global_conflicts:
            self.say("migration verified: counts and checksums match")
            return 0
        self.say("migration NOT verified: see MISMATCH / CONFLICT above")
        return 1

    async def _target_audit(self) -> list[tuple[str, JsonDoc]]:
        return [(d.isoformat(), e) for d, e in await self.target.audit_by_day()]


async def migrate(
    source_dir: Path,
    url: str,
    out: TextIO,
    err: TextIO,
    *,
    schema: str | None = None,
    batch: int = DEFAULT_BATCH,
    overwrite: bool = False,
) -> int:
    """Open both sides, run the migration and close them; the exit code."""
    if not (source_dir / FORMAT_NAME).is_file():
        # Opening would initialise an empty directory and "migrate" nothing.
        print(f"migrate: {source_dir} is not a TinyDB data directory", file=err)
        return 1
    try:
        source = await TinyDBStorage.open(source_dir, check="full")
    except StorageError as exc:
        print(f"migrate: cannot open the source (is the bot still running?): {exc}", file=err)
        return 1
    try:
        target = await PostgresStorage.open(url, schema=schema)
    except (StorageError, ValueError) as exc:
        await source.close()
        print(f"migrate: cannot open the target database: {exc}", file=err)
        return 1
    try:
        return await Migration(
            source, source_dir, target, out, batch=batch, overwrite=overwrite
        ).run()
    except StorageError as exc:
        print(f"migrate: stopped by a storage error (re-run to resume): {exc}", file=err)
        return 1
    finally:
        await target.close()
        await source.close()


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Parse ``argv`` (what follows ``migrate``) and migrate; the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m bot migrate",
        description="Copy a TinyDB data directory into PostgreSQL (resumable), then verify.",
    )
    parser.add_argument("--from-tinydb", type=Path, required=True, metavar="DIR")
    parser.add_argument(
        "--to-postgres",
        metavar="URL",
        help=f"libpq URL; default: ${DATABASE_URL_ENV} (keeps the password out of `ps`)",
    )
    parser.add_argument("--schema", help="PostgreSQL schema for the tables (default: public)")
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="users per transaction")
    parser.add_argument("--overwrite", action="store_true", help="replace target data that differs")
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = parser.parse_args(list(argv))
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    url = args.to_postgres or database_url(load_settings())
    if not url:
        print(f"migrate: give --to-postgres URL or set {DATABASE_URL_ENV}", file=stderr)
        return 2
    if args.batch < 1:
        print("migrate: --batch must be at least 1", file=stderr)
        return 2
    return asyncio.run(
        migrate(
            args.from_tinydb,
            url,
            stdout,
            stderr,
            schema=args.schema,
            batch=args.batch,
            overwrite=args.overwrite,
        )
    )
