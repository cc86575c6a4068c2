"""Leave-one-batch-out cross-validation of the two meaning-based screens (crisis, obstetric).

Both screens (``bot/catalog/crisis_net.py``) score the sentence embedding of a message no rule
of their kind flagged. For each development batch k (``safety-dev.yaml`` is batch 1,
``safety-devK.yaml`` batch K, with ``faq-people-devK.yaml`` when there is one) both are trained
on every other batch, by the trainers the bot's files come from, and judged on batch k together
with the rules *as they stood when batch k was committed* (the tree of that commit, before any
tuning on it): today's rules were tuned on every dev batch and miss almost none of them, so only
the rules of the time say how rules and screens do on messages written by a new writer.

Printed per left-out batch, then per language, at the trainers' thresholds (or ``--crisis`` /
``--obstetric``): crisis recall (a crisis verdict at the item's level or above: a crisis rule of
the time, else the crisis screen), obstetric recall (rules of the time, else the obstetric
screen where no rule fired and no crisis was seen), and false alarms on look-alikes and on
ordinary FAQ questions (rules of the time, or a screen), with how many of those the screens
added. The doubts of today's rules (light tone, frames) apply to the screens, as in the bot.

``--parts sentences`` (or ``clauses``) also weighs each sentence of four words or more (the four
longest) by the same layers, trained on whole messages as the bot's are, so that a danger told in
one sentence of a longer message is not diluted by the rest of it: a screen's verdict is the whole
message's when sure enough, else its likeliest part's from ``--crisis-parts`` /
``--obstetric-parts`` (the screen's own threshold unless given).

``--train-also FILE`` adds a file's labelled messages (``tests/data/safety-train-corpus.yaml``, a
training corpus written apart from every eval file) to the training of every fold; such a file is
never a scored batch, so the table says how much it widens what the screens know about writers
they never saw.

Held-out files are never read (nor accepted by ``--train-also``). Run from the repository root (a
git clone: the rules of the time are read from its history)::

    .venv/bin/python benchmarks/safety_nets_cv.py [--crisis 0.5,0.7] [--obstetric 0.9,0.95]
        [--crisis-with-faq] [--train-also FILE ...] [--cache FILE]
        [--parts sentences --crisis-parts 0.8,0.9 --obstetric-parts 0.97,0.99]
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

from bot.catalog.crisis_net import (  # noqa: E402
    MIN_WORDS,
    OBSTETRIC_NET_FILE,
    OBSTETRIC_NET_REASONS,
    embed,
    enough_words,
    parse_crisis_net,
    weighed_parts,
    word_count,
)
from bot.catalog.faq_content import load_safety  # noqa: E402
from bot.catalog.files import CONTENT_DIR  # noqa: E402
from bot.commands import crisis_net_train, obstetric_net_train  # noqa: E402
from bot.commands.crisis_net_train import load_examples  # noqa: E402
from bot.commands.held_out import is_held_out  # noqa: E402
from bot.commands.safety_eval import Item, load  # noqa: E402
from bot.domain.safety import LEVEL_RANK, SafetyScreen, SemanticVerdict  # noqa: E402
from bot.domain.textnorm import pieces  # noqa: E402

DATA = ROOT / "tests" / "data"
#: Fewest words of a part weighed on its own, and most parts of a message weighed (the longest).
PART_WORDS = 4
MOST_PARTS = 4
_BATCH = re.compile(r"^safety-dev(\d*)\.yaml$")

#: Screens a list of texts (JSON on stdin) with the rules of an older tree (its path in argv[1])
#: and prints each level and crisis level; the meaning-based screens, where the tree had them,
#: are left out.
_OLD_RULES = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from bot.catalog.faq_content import load_safety
screen = load_safety(Path(sys.argv[1]) / "content")
screen.semantic = None
screen.obstetric_semantic = None
results = [screen.screen(text) for text in json.load(sys.stdin)]
print(json.dumps([
    [r.level, getattr(r, "crisis_level", None) if getattr(r, "crisis", ()) else None]
    for r in results
]))
"""


@dataclass(frozen=True)
class Example:
    """One message of a batch: its label, what the rules of its time made of it, and the
    certainty today's doubts ask of a screen's verdict on it."""

    item: Item
    batch: int
    kind: str  # obstetric, crisis, lookalike or faq
    level_then: str | None
    crisis_then: str | None
    heed_at: float


def batches() -> dict[int, tuple[Path, Path | None]]:
    """The dev safety file of each batch, and its FAQ dev file when there is one."""
    found: dict[int, tuple[Path, Path | None]] = {}
    for path in sorted(DATA.glob("safety-dev*.yaml")):
        match = _BATCH.match(path.name)
        if match is None or is_held_out(path):
            continue
        number = int(match.group(1) or 1)
        faq = DATA / f"faq-people-dev{'' if number == 1 else number}.yaml"
        found[number] = (path, faq if faq.exists() else None)
    return found


def _rules_then(path: Path, texts: list[str]) -> list[list[str | None]]:
    """Level and crisis level the rules gave ``texts`` in the commit that added ``path``."""
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
    levels: list[list[str | None]] = json.loads(out)
    return levels


def _heed_at(screen: SafetyScreen, text: str) -> float:
    """The certainty today's doubts (light tone, frames, net doubts) ask of a screen's
    verdict on ``text``: a stand-in screen too unsure for any doubt records it."""
    asked: list[float] = []
    heed = screen._heed_at

    def recording(
        positions: dict[int, list[int]], length: int, normalized: str, doubted: bool
    ) -> float:
        asked.append(heed(positions, length, normalized, doubted))
        return asked[-1]

    setattr(screen, "_heed_at", recording)  # noqa: B010 (an instance's method, for one text)
    screen.semantic = lambda _: SemanticVerdict("cannot_cope", "urgent", -1.0)
    try:
        screen.screen(text)
    finally:
        delattr(screen, "_heed_at")
    return asked[0] if asked else 0.0


def examples() -> list[Example]:
    """Every dev message with its batch and the rules' levels of the time."""
    screen = load_safety(CONTENT_DIR)
    screen.obstetric_semantic = None
    found: list[Example] = []
    for number, (safety, faq) in sorted(batches().items()):
        items = load(safety)
        if faq is not None:
            items += [
                Item(item.id, item.lang, item.text, "none", None, "faq", faq.name)
                for item in load_examples(faq)
            ]
        then = _rules_then(safety, [item.text for item in items])
        for item, (level, crisis) in zip(items, then, strict=True):
            kind = "faq" if item.row == "faq" else "lookalike"
            if item.category in ("crisis", "obstetric"):
                kind = item.category
            found.append(Example(item, number, kind, level, crisis, _heed_at(screen, item.text)))
    return found


def _meets(level: str | None, expect: str) -> bool:
    return level is not None and LEVEL_RANK[level] >= LEVEL_RANK[expect]


def _embedded(groups: list[list[str]]) -> list[npt.NDArray[np.float32]]:
    """The embeddings of each group of texts, one row per text."""
    matrix = embed([text for group in groups for text in group])
    vectors: list[npt.NDArray[np.float32]] = []
    start = 0
    for group in groups:
        vectors.append(matrix[start : start + len(group)])
        start += len(group)
    return vectors


def embeddings(found: list[Example]) -> list[npt.NDArray[np.float32]]:
    """The embedding of each message's weighed parts, as the bot computes them."""
    return _embedded([weighed_parts(example.item.text) for example in found])


def parts_of(text: str, sentences: bool) -> list[str]:
    """The sentences (or clauses) of ``text`` weighed on their own: those of ``PART_WORDS``
    words or more, the ``MOST_PARTS`` longest, none that is the whole message."""
    whole = word_count(text)
    found = [
        part
        for part in pieces(text, sentences)
        if enough_words(part, PART_WORDS) and word_count(part) < whole
    ]
    return sorted(found, key=len, reverse=True)[:MOST_PARTS]


#: Per message: the crisis screen's and the obstetric screen's verdict, trained without its batch,
#: on the whole message, then on its likeliest part (None without parts).
Verdicts = tuple[SemanticVerdict, SemanticVerdict, SemanticVerdict | None, SemanticVerdict | None]
Scores = list[Verdicts]


#: Messages every fold also trains on (a training corpus), with one embedding row each.
Extra = tuple[list[Item], npt.NDArray[np.float32]]


def scores(
    found: list[Example],
    vectors: list[npt.NDArray[np.float32]],
    crisis_faq: bool = False,
    extra: Extra | None = None,
    parts: list[npt.NDArray[np.float32]] | None = None,
) -> Scores:
    """Both screens' verdicts on every message (and on its likeliest part of ``parts``), each
    from screens trained on the other batches and on ``extra`` (the crisis screen without the
    FAQ questions unless ``crisis_faq``)."""
    out: dict[int, Verdicts] = {}
    also, also_rows = extra if extra is not None else ([], np.zeros((0, vectors[0].shape[1])))
    for number in sorted({example.batch for example in found}):
        kept = [i for i, example in enumerate(found) if example.batch != number]
        items = [found[i].item for i in kept] + also
        rows = np.concatenate([np.stack([vectors[i][0] for i in kept]), also_rows]).astype("f4")
        faq = {k for k, i in enumerate(kept) if found[i].kind == "faq"}
        chosen = [k for k in range(len(items)) if crisis_faq or k not in faq]
        raw = crisis_net_train.train_on([items[k] for k in chosen], rows[chosen])
        crisis = parse_crisis_net(raw)
        raw = obstetric_net_train.train(items, rows)
        obstetric = parse_crisis_net(raw, OBSTETRIC_NET_REASONS, OBSTETRIC_NET_FILE)
        for i, example in enumerate(found):
            if example.batch == number:
                own = parts[i] if parts is not None and len(parts[i]) else None
                out[i] = (
                    crisis.best(vectors[i]),
                    obstetric.best(vectors[i]),
                    None if own is None else crisis.best(own),
                    None if own is None else obstetric.best(own),
                )
    return [out[i] for i in range(len(found))]


def tally(
    found: list[Example],
    verdicts: Scores,
    crisis_at: float,
    obstetric_at: float,
    by: str,
    crisis_words: int = MIN_WORDS,
    parts_at: tuple[float, float] = (1.0, 1.0),
) -> dict[str, list[int]]:
    """Per group (batch or language, and "all"): crisis caught / total, obstetric caught /
    total, look-alikes flagged / total (by a screen), FAQ questions flagged / total (by a
    screen). The crisis screen weighs texts of ``crisis_words`` words or more; a part's verdict
    is heeded from ``parts_at`` (crisis, obstetric)."""
    table: dict[str, list[int]] = {}
    for example, (crisis, obstetric, crisis_part, obstetric_part) in zip(
        found, verdicts, strict=True
    ):
        weighed = enough_words(example.item.text)
        crisis_level, level = example.crisis_then, example.level_then
        by_net = False
        heard = _heard(crisis, crisis_part, crisis_at, parts_at[0], example.heed_at)
        if crisis_level is None and enough_words(example.item.text, crisis_words) and heard:
            crisis_level, by_net = heard.level, True
            level = max(filter(None, (level, heard.level)), key=LEVEL_RANK.__getitem__)
        sure = _heard(obstetric, obstetric_part, obstetric_at, parts_at[1], example.heed_at)
        if level is None and weighed and sure:
            level, by_net = sure.level, True
        group = str(example.batch) if by == "batch" else example.item.lang
        for key in (group, "all"):
            cells = table.setdefault(key, [0] * 10)
            if example.kind == "crisis":
                cells[0] += _meets(crisis_level, example.item.expect)
                cells[1] += 1
            elif example.kind == "obstetric":
                cells[2] += _meets(level, example.item.expect)
                cells[3] += 1
            else:
                base = 4 if example.kind == "lookalike" else 7
                cells[base] += level is not None
                cells[base + 1] += by_net
                cells[base + 2] += 1
    return table


def _heard(
    whole: SemanticVerdict, part: SemanticVerdict | None, at: float, part_at: float, heed: float
) -> SemanticVerdict | None:
    """The verdict a screen gives: the whole message's when sure enough, else its likeliest
    part's when that is."""
    if whole.probability >= max(at, heed):
        return whole
    if part is not None and part.probability >= max(part_at, heed):
        return part
    return None


def report(table: dict[str, list[int]]) -> None:
    """A row per group and the total."""
    print("  group  crisis            obstetric         look-alikes flagged (by a screen)", end="")
    print("  FAQ flagged (by a screen)")
    for key in sorted(table, key=lambda k: (k == "all", k.zfill(3))):
        c, ct, o, ot, la, la_net, lat, fq, fq_net, fqt = table[key]
        print(
            f"  {key:>5}  {c:>4}/{ct:<4} {c / max(ct, 1):.3f}  {o:>4}/{ot:<4} {o / max(ot, 1):.3f}"
            f"  {la:>4}/{lat:<4} {la / max(lat, 1):.3f} ({la_net:>3})"
            f"              {fq:>4}/{fqt:<4} {fq / max(fqt, 1):.3f} ({fq_net:>3})"
        )


def _part_thresholds(
    args: argparse.Namespace, crisis_at: float, obstetric_at: float
) -> list[tuple[float, float]]:
    """Each pair of certainties a part's crisis and obstetric verdicts need that was asked
    for (the screens' own thresholds unless given)."""
    crisis = [float(t) for t in args.crisis_parts.split(",")] if args.crisis_parts else [crisis_at]
    obstetric = [obstetric_at]
    if args.obstetric_parts:
        obstetric = [float(t) for t in args.obstetric_parts.split(",")]
    return [(c, o) for c in crisis for o in obstetric]


def main(argv: list[str] | None = None) -> int:
    """Print the cross-validation table at each pair of thresholds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crisis", default=str(crisis_net_train.THRESHOLD))
    parser.add_argument("--obstetric", default=str(obstetric_net_train.THRESHOLD))
    parser.add_argument(
        "--crisis-with-faq",
        action="store_true",
        help="train the crisis screen with the FAQ questions too (as no crisis)",
    )
    parser.add_argument(
        "--train-also",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="train every fold on this file's messages too; it is never scored",
    )
    parser.add_argument(
        "--crisis-words",
        default=str(MIN_WORDS),
        help="fewest words of a text the crisis screen weighs (a comma list tries each)",
    )
    parser.add_argument(
        "--parts",
        choices=("sentences", "clauses"),
        help=f"also weigh each sentence (or clause) of {PART_WORDS} words or more on its own",
    )
    parser.add_argument("--crisis-parts", help="certainty a part's crisis verdict needs")
    parser.add_argument("--obstetric-parts", help="certainty a part's obstetric verdict needs")
    parser.add_argument(
        "--cache", type=Path, help="keep the messages and the rules' levels in this file"
    )
    args = parser.parse_args(argv)
    if any(is_held_out(path) or _BATCH.match(path.name) for path in args.train_also):
        parser.error("--train-also takes training files: never a held-out file or a dev batch")
    if args.cache is not None and args.cache.exists():
        found, vectors = pickle.loads(args.cache.read_bytes())
    else:
        found = examples()
        vectors = embeddings(found)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((found, vectors)))
    extra: Extra | None = None
    if args.train_also:
        also = [item for path in args.train_also for item in load_examples(path)]
        extra = (also, embed([item.text for item in also]))
    parts = None
    if args.parts is not None:
        sentences = args.parts == "sentences"
        parts = _embedded([parts_of(example.item.text, sentences) for example in found])
    verdicts = scores(found, vectors, args.crisis_with_faq, extra, parts)
    for words in (int(n) for n in args.crisis_words.split(",")):
        for crisis_at in (float(t) for t in args.crisis.split(",")):
            for obstetric_at in (float(t) for t in args.obstetric.split(",")):
                for parts_at in _part_thresholds(args, crisis_at, obstetric_at):
                    print(f"crisis screen at {crisis_at:.2f} from {words} words,", end=" ")
                    print(f"obstetric screen at {obstetric_at:.2f}", end="")
                    print(f", parts at {parts_at[0]:.3f} / {parts_at[1]:.3f}" if parts else "")
                    for by in ("batch", "lang"):
                        report(tally(found, verdicts, crisis_at, obstetric_at, by, words, parts_at))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
