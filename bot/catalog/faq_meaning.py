"""The FAQ matcher's meaning step: a logistic layer learnt from people-written questions.

The lexical matcher fits the content's own phrasings; people who ask in words the content never
uses miss. This layer reads the sentence embedding the crisis screen has already computed for
the message (Universal Sentence Encoder multilingual v3, one vector space for en, es and ru) and
gives a probability per FAQ topic and one that the message is about none of them. It was trained
by ``python -m bot.commands.faq_meaning_train`` on the development sets' labelled questions and
the content's phrasings (never the held-out sets), and is stored as plain JSON in
``content/faq-meaning.json``. A message the screen did not embed (under five words, or a crisis
rule fired first) has no meaning to read: the lexical matcher decides alone. It never encodes a
text itself, so it adds no encoding time to a message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.catalog.crisis_net import embedded_already
from bot.catalog.files import ContentError
from bot.domain.faq import Meaning
from bot.domain.safety import SAFETY_WINDOW

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

FAQ_MEANING_FILE = Path("faq-meaning.json")
#: The class of messages about none of the topics.
NONE = "none"
#: Embeddings (unit length) are scaled before the layer, as in training.
FEATURE_SCALE = 10.0


@dataclass(frozen=True)
class FaqMeaning:
    """A trained layer: one row of weights and a bias per class (the topics, then ``NONE``)."""

    classes: tuple[str, ...]
    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]

    def probabilities(self, vector: npt.NDArray[np.float32]) -> Meaning:
        """The meaning of a message whose (unit) embedding is ``vector``."""
        import numpy as np

        logits = self.weights @ (vector * FEATURE_SCALE) + self.bias
        exp = np.exp(logits - logits.max())
        shares = (exp / exp.sum()).tolist()
        topics = dict(zip(self.classes[:-1], shares[:-1], strict=True))
        return Meaning(topics=topics, none=float(shares[-1]))

    def __call__(self, text: str) -> Meaning | None:
        """The meaning of ``text`` when the screen has embedded it, else None."""
        vectors = embedded_already(text[:SAFETY_WINDOW])  # what the screen weighed
        if vectors is None or len(vectors) == 0:
            return None
        import numpy as np

        mean = vectors.mean(axis=0)
        return self.probabilities(mean / (float(np.linalg.norm(mean)) or 1.0))


def parse_faq_meaning(raw: Any, topics: tuple[str, ...] | None = None) -> FaqMeaning:
    """Validate a trained file's data (every class but the last a topic id of ``topics`` when
    given, the last ``NONE``); raises ContentError on anything malformed."""
    import numpy as np

    try:
        classes = tuple(str(c) for c in raw["classes"])
        weights = np.asarray(raw["weights"], dtype=np.float32)
        bias = np.asarray(raw["bias"], dtype=np.float32)
    except (KeyError, TypeError, ValueError) as exc:
        raise ContentError(f"{FAQ_MEANING_FILE}: malformed ({type(exc).__name__})") from None
    if weights.ndim != 2 or weights.shape[0] != len(classes) or bias.shape != (len(classes),):
        raise ContentError(f"{FAQ_MEANING_FILE}: weights, bias and classes do not agree")
    if len(classes) < 2 or classes[-1] != NONE or len(set(classes)) != len(classes):
        raise ContentError(f"{FAQ_MEANING_FILE}: classes must be distinct topics, then {NONE!r}")
    if topics is not None and set(classes[:-1]) - set(topics):
        raise ContentError(f"{FAQ_MEANING_FILE}: classes name topics the content does not have")
    return FaqMeaning(classes=classes, weights=weights, bias=bias)


def load_faq_meaning(content_dir: Path, topics: tuple[str, ...]) -> FaqMeaning | None:
    """The trained meaning step in ``content_dir`` (its classes among ``topics``), or None when
    the content has none."""
    path = content_dir / FAQ_MEANING_FILE
    if not path.exists():
        return None
    return parse_faq_meaning(json.loads(path.read_text(encoding="utf-8")), topics)
