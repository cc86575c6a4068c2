"""The editors' report: what people asked that no answer matched, and how answers were rated.

``python -m bot content gaps``: the most frequent unmatched questions, as stored (already
normalised and masked: digit runs, e-mail addresses and @handles are ``#``; no user id is
ever kept with them), with their language and the last day seen.
``python -m bot content feedback``: helpful / not helpful votes per FAQ topic, the least
helpful first. Both print a table, or CSV with ``--csv``. They read the configured store
(``BOT_DATA_DIR`` or ``BOT_DATABASE_URL``); the embedded store is locked by a running bot, so
run them against PostgreSQL, a stopped bot, or a backup copy of the data directory.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from typing import TextIO

from bot.storage.base import JsonDoc

# Cells a spreadsheet reads as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Gap:
    """One unmatched question and how often it was asked."""

    count: int
    lang: str
    last_seen: str
    text: str


@dataclass(frozen=True)
class Rating:
    """The votes one FAQ topic got."""

    topic: str
    helpful: int
    not_helpful: int

    @property
    def helpful_share(self) -> float:
        """Helpful votes per vote (0 with none)."""
        total = self.helpful + self.not_helpful
        return self.helpful / total if total else 0.0


def top_gaps(stored: Iterable[JsonDoc], *, top: int, lang: str | None = None) -> list[Gap]:
    """The ``top`` most asked unmatched questions (ties: the latest first), of ``lang`` only
    when given."""
    counts: Counter[tuple[str, str]] = Counter()
    last: dict[tuple[str, str], str] = {}
    for gap in stored:
        key = (str(gap.get("lang", "")), str(gap.get("text", "")))
        if lang is not None and key[0] != lang:
            continue
        counts[key] += 1
        last[key] = max(last.get(key, ""), str(gap.get("at", "")))
    gaps = [Gap(n, key[0], last[key], key[1]) for key, n in counts.items()]
    gaps.sort(key=lambda g: (g.last_seen, g.text), reverse=True)
    gaps.sort(key=lambda g: g.count, reverse=True)
    return gaps[:top]


def ratings(counts: dict[str, dict[str, int]]) -> list[Rating]:
    """One row per rated topic, the most 'not helpful' votes first."""
    rows = [
        Rating(topic, int(votes.get("helpful", 0)), int(votes.get("not_helpful", 0)))
        for topic, votes in counts.items()
    ]
    rows.sort(key=lambda r: r.topic)
    rows.sort(key=lambda r: (-r.not_helpful, r.helpful_share))
    return rows


def write_gaps(gaps: Sequence[Gap], out: TextIO, *, as_csv: bool) -> None:
    """The gaps as a table or as CSV (header: count, lang, last_seen, text)."""
    if as_csv:
        _csv(out, [field.name for field in fields(Gap)], [astuple(g) for g in gaps])
        return
    print(f"{'count':>5}  lang  {'last seen':<10}  question", file=out)
    for gap in gaps:
        print(f"{gap.count:5d}  {gap.lang:<4}  {gap.last_seen:<10}  {gap.text}", file=out)
    print(f"{len(gaps)} question(s)", file=out)


def write_ratings(rows: Sequence[Rating], out: TextIO, *, as_csv: bool) -> None:
    """The votes per topic as a table or as CSV (topic, helpful, not_helpful, helpful_share)."""
    if as_csv:
        header = ["topic", "helpful", "not_helpful", "helpful_share"]
        _csv(out, header, [(*astuple(r), f"{r.helpful_share:.2f}") for r in rows])
        return
    print(f"{'helpful':>7} {'not':>5} {'share':>6}  topic", file=out)
    for row in rows:
        print(
            f"{row.helpful:7d} {row.not_helpful:5d} {row.helpful_share:6.0%}  {row.topic}",
            file=out,
        )
    print(f"{len(rows)} topic(s) rated", file=out)


def _csv(out: TextIO, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(value) for value in row] for row in rows])


def _cell(value: object) -> object:
    """A typed text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value
