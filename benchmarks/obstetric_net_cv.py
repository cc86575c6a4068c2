"""Leave-one-batch-out cross-validation of a meaning-based screen for obstetric red flags.

The experiment of issue 14: a logistic head on the crisis screen's sentence embeddings
(Universal Sentence Encoder multilingual v3), trained to tell obstetric red flags (urgent or
emergency) from look-alikes and ordinary FAQ questions, whose level comes from the nearest
triage row (E1, U6, P2 ...), as the crisis screen's reason does. It would only be asked when no
rule fired. For each development batch k (``safety-dev.yaml`` is batch 1, ``safety-devK.yaml``
batch K, with ``faq-people-devK.yaml`` when there is one) the head is trained on every other
batch and judged on batch k:

- ``rules then``: the obstetric red flags of batch k that the rules as they stood when the batch
  was committed (the tree of that commit, before any tuning on it) missed, and how many of those
  the head catches at the right level or above. Today's rules were tuned on every dev batch and
  miss none of them, so only the rules of the time say how the head does on messages the rules
  have not seen;
- ``look-alikes`` and ``FAQ``: harmless look-alikes of batch k and its ordinary FAQ questions
  (no urgent flag, no distress) that no rule of today flags and the head newly flags.

Held-out files are never read. Run from the repository root (a git clone: the rules of the time
are read from its history)::

    .venv/bin/python benchmarks/obstetric_net_cv.py [--thresholds 0.5,0.7,0.9] [--show 0.9]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

from bot.catalog.crisis_net import (  # noqa: E402
    OBSTETRIC_NET_FILE,
    OBSTETRIC_NET_REASONS,
    embed,
    enough_words,
    parse_crisis_net,
    weighed_parts,
)
from bot.catalog.faq_content import load_safety  # noqa: E402
from bot.catalog.files import CONTENT_DIR  # noqa: E402
from bot.commands.crisis_net_train import load_examples  # noqa: E402
from bot.commands.obstetric_net_train import train  # noqa: E402
from bot.commands.safety_eval import Item, load  # noqa: E402
from bot.domain.safety import LEVEL_RANK  # noqa: E402

DATA = ROOT / "tests" / "data"
_BATCH = re.compile(r"^safety-dev(\d*)\.yaml$")

#: Screens a list of texts (JSON on stdin) with the rules of an older tree (its path in argv[1])
#: and prints each level; the meaning-based crisis screen, where the tree had one, is left out.
_OLD_RULES = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from bot.catalog.faq_content import load_safety
screen = load_safety(Path(sys.argv[1]) / "content")
screen.semantic = None
print(json.dumps([screen.screen(text).level for text in json.load(sys.stdin)]))
"""


@dataclass(frozen=True)
class Example:
    """One message of a batch: its label and what the rules made of it."""

    item: Item
    batch: int
    kind: str  # obstetric, crisis, lookalike or faq
    rules_now: str | None
    rules_then: str | None


def batches() -> dict[int, tuple[Path, Path | None]]:
    """The dev safety file of each batch, and its FAQ dev file when there is one."""
    found: dict[int, tuple[Path, Path | None]] = {}
    for path in sorted(DATA.glob("safety-dev*.yaml")):
        match = _BATCH.match(path.name)
        if match is None or "heldout" in path.name:
            continue
        number = int(match.group(1) or 1)
        faq = DATA / f"faq-people-dev{'' if number == 1 else number}.yaml"
        found[number] = (path, faq if faq.exists() else None)
    return found


def _rules_then(path: Path, texts: list[str]) -> list[str | None]:
    """Levels the rules gave ``texts`` in the commit that added ``path`` (before tuning on it)."""
    commit = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", str(path.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(
            ["git", "archive", commit, "bot", "content"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        out = subprocess.run(
            [sys.executable, "-c", _OLD_RULES, tree],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": tree},
        ).stdout
    levels: list[str | None] = json.loads(out)
    return levels


def examples() -> list[Example]:
    """Every dev message with its batch and the rules' levels, now and then."""
    screen = load_safety(CONTENT_DIR)
    screen.semantic = None
    found: list[Example] = []
    for number, (safety, faq) in sorted(batches().items()):
        items = load(safety)
        if faq is not None:
            items += [
                Item(item.id, item.lang, item.text, "none", None, "faq", faq.name)
                for item in load_examples(faq)
            ]
        then = _rules_then(safety, [item.text for item in items])
        for item, level in zip(items, then, strict=True):
            kind = "faq" if item.row == "faq" else "lookalike"
            if item.category in ("crisis", "obstetric"):
                kind = item.category
            now = screen.screen(item.text).level
            found.append(Example(item, number, kind, now, level))
    return found


def _meets(level: str | None, expect: str) -> bool:
    return level is not None and LEVEL_RANK[level] >= LEVEL_RANK[expect]


def embeddings(found: list[Example]) -> list[npt.NDArray[np.float32]]:
    """The embedding of each message's weighed parts, as the bot computes them."""
    texts = [example.item.text for example in found]
    matrix = embed([part for text in texts for part in weighed_parts(text)])
    vectors: list[npt.NDArray[np.float32]] = []
    start = 0
    for text in texts:
        count = len(weighed_parts(text))
        vectors.append(matrix[start : start + count])
        start += count
    return vectors


def cross_validate(
    found: list[Example],
    vectors: list[npt.NDArray[np.float32]],
    thresholds: Iterable[float],
    show: float | None,
) -> dict[float, dict[int, list[int]]]:
    """Per threshold and left-out batch: [rules-then misses, of which no rule fired, caught at
    the level, caught at a lower level, look-alikes, newly flagged, FAQ questions, newly
    flagged]."""
    table: dict[float, dict[int, list[int]]] = {t: {} for t in thresholds}
    for number in sorted({example.batch for example in found}):
        kept = [i for i, example in enumerate(found) if example.batch != number]
        raw = train([found[i].item for i in kept], np.stack([vectors[i][0] for i in kept]))
        head = parse_crisis_net(raw, OBSTETRIC_NET_REASONS, OBSTETRIC_NET_FILE)
        for i, example in enumerate(found):
            if example.batch != number:
                continue
            verdict = head.best(vectors[i])
            probability, level = verdict.probability, verdict.level
            if not enough_words(example.item.text):
                probability = 0.0
            for threshold, by_batch in table.items():
                cells = by_batch.setdefault(number, [0] * 8)
                fires = probability >= threshold
                if example.kind == "obstetric":
                    if _meets(example.rules_then, example.item.expect):
                        continue
                    cells[0] += 1
                    cells[1] += example.rules_then is None
                    if example.rules_then is None and fires:
                        cells[2 if _meets(level, example.item.expect) else 3] += 1
                    if show == threshold:
                        mark = "caught" if example.rules_then is None and fires else "missed"
                        print(f"  {mark} {probability:.2f} {example.item.id}: {example.item.text}")
                elif example.kind in ("lookalike", "faq") and example.rules_now is None:
                    base = 4 if example.kind == "lookalike" else 6
                    cells[base] += 1
                    cells[base + 1] += fires
                    if show == threshold and fires:
                        print(f"  alarm {probability:.2f} {example.item.id}: {example.item.text}")
    return table


def report(table: dict[float, dict[int, list[int]]]) -> None:
    """One block per threshold: a row per left-out batch and the total."""
    for threshold, by_batch in table.items():
        print(f"threshold {threshold:.2f}")
        print("  batch  rules-then misses (none fired)  caught (right level / lower)", end="")
        print("  look-alikes  FAQ")
        total = [0] * 8
        for number, cells in sorted(by_batch.items()):
            total = [a + b for a, b in zip(total, cells, strict=True)]
            print(_row(str(number), cells))
        print(_row("all", total))


def _row(name: str, cells: list[int]) -> str:
    misses, silent, right, lower, looks, looks_new, faq, faq_new = cells
    return (
        f"  {name:>5}  {misses:>17} ({silent:>3})         {right:>11} / {lower:<14}"
        f"  {looks_new:>3} / {looks:<5}"
        f"  {faq_new:>3} / {faq} ({100 * faq_new / max(faq, 1):.1f}%)"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the cross-validation table at each threshold."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--thresholds", default="0.5,0.7,0.8,0.9,0.95")
    parser.add_argument("--show", type=float, help="list the messages at this threshold")
    parser.add_argument(
        "--cache", type=Path, help="keep the messages and the rules' levels in this file"
    )
    args = parser.parse_args(argv)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    if args.cache is not None and args.cache.exists():
        found, vectors = pickle.loads(args.cache.read_bytes())
    else:
        found = examples()
        vectors = embeddings(found)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((found, vectors)))
    report(cross_validate(found, vectors, thresholds, args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
