"""Scores the safety screen on a labelled file of chat messages (``tests/data/safety-*.yaml``).

Each item says the minimum level the screen must give (``emergency``, ``urgent``) or ``none``
for a harmless look-alike, and for positives whether it is a ``crisis`` or an ``obstetric`` red
flag. Printed per language and overall: crisis recall (a crisis reply at the level or above),
emergency and urgent recall, and the false-alarm rate on look-alikes, with every miss named so
that a person can read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot.catalog.files import ContentError, read_yaml
from bot.domain.safety import LEVEL_RANK, SafetyResult, SafetyScreen

EXPECTS = ("emergency", "urgent", "none")
CATEGORIES = ("crisis", "obstetric")


@dataclass(frozen=True)
class Item:
    """One labelled message."""

    id: str
    lang: str
    text: str
    expect: str
    category: str | None = None
    #: The medical reference row the item tests ("M3", "E1", "lookalike"), when given.
    row: str = ""
    #: The file the item came from.
    source: str = ""


@dataclass
class Tally:
    """Counts for one language (or overall)."""

    crisis: list[int] = field(default_factory=lambda: [0, 0])
    emergency: list[int] = field(default_factory=lambda: [0, 0])
    urgent: list[int] = field(default_factory=lambda: [0, 0])
    alarms: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def load(path: Path) -> list[Item]:
    """The items of a safety evaluation file; raises ContentError naming a bad item."""
    data = read_yaml(path)
    raw_items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(raw_items, list):
        raise ContentError(f"{path}: expected a mapping with an `items` list")
    items = []
    for position, raw in enumerate(raw_items):
        try:
            item = Item(
                id=str(raw["id"]),
                lang=str(raw.get("lang", "en")),
                text=str(raw["text"]),
                expect=str(raw["expect"]),
                category=raw.get("category"),
                row=str(raw.get("row", "")),
                source=path.name,
            )
        except (KeyError, TypeError):
            raise ContentError(f"{path}: items[{position}]: needs id, expect and text") from None
        if item.expect not in EXPECTS or (item.expect != "none") != (item.category in CATEGORIES):
            raise ContentError(f"{path}: items[{position}]: bad expect or category")
        items.append(item)
    return items


def passes(item: Item, result: SafetyResult) -> bool:
    """True when the screen's verdict meets the item's label."""
    if item.expect == "none":
        return result.level is None
    level = result.crisis_level if item.category == "crisis" else result.level
    return level is not None and LEVEL_RANK[level] >= LEVEL_RANK[item.expect]


def score(items: Iterable[Item], screen: SafetyScreen) -> dict[str, Tally]:
    """Tallies per language and under "all"."""
    tallies: dict[str, Tally] = {}
    for item in items:
        result = screen.screen(item.text, item.lang)
        ok = passes(item, result)
        for key in (item.lang, "all"):
            tally = tallies.setdefault(key, Tally())
            if item.expect == "none":
                tally.alarms[0] += not ok
                tally.alarms[1] += 1
                if not ok:
                    tally.false_alarms.append(item.id)
                continue
            counts = [getattr(tally, item.expect)]
            if item.category == "crisis":
                counts.append(tally.crisis)
            for count in counts:
                count[0] += ok
                count[1] += 1
            if not ok:
                tally.misses.append(item.id)
    return tallies


def _ratio(pair: list[int]) -> str:
    good, total = pair
    return f"{good / total:.3f} ({good}/{total})" if total else "n/a"


def report(tallies: dict[str, Tally], stdout: TextIO) -> None:
    """One block per language, then overall."""
    for key in [*sorted(k for k in tallies if k != "all"), "all"]:
        tally = tallies[key]
        stdout.write(f"[{key}]\n")
        stdout.write(f"  crisis recall        {_ratio(tally.crisis)}\n")
        stdout.write(f"  emergency recall     {_ratio(tally.emergency)}\n")
        stdout.write(f"  urgent recall        {_ratio(tally.urgent)}\n")
        stdout.write(f"  false-alarm rate     {_ratio(tally.alarms)}\n")
        if key != "all":
            if tally.misses:
                stdout.write(f"  missed               {' '.join(tally.misses)}\n")
            if tally.false_alarms:
                stdout.write(f"  false alarms         {' '.join(tally.false_alarms)}\n")
