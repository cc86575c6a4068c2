"""The FAQ index's costly parts as plain arrays in the install's directory: a start need not
analyse every example again.

Building the index (every example of every locale analysed: stems, the spelling index, the
TF-IDF postings) costs about 0.5 s of CPU and, in the running bot, about 18 MB of resident
memory for an index of about 7 MB: the analyses and posting lists it is made from are freed,
but the heap they took stays with the process. Those parts (``faq.BuiltParts``) are the same
for the same content, code and libraries, so they are written once to ``faq-index.npz`` in the
install's directory (``bot.install_files``), by a clean ``python -m bot content check`` or by
the first start, under the digest the start-up checks stamp (``check_stamp.content_digest``:
every content file, every source file of the bot, the Python version and every installed
library). A start whose digest is the file's restores them from it; any other digest, or a
file that is damaged or cannot be read, means building as before and writing the file again
where the directory is writable.

Nothing in the file can run code when read (RELIABILITY D8): it is a NumPy ``.npz`` of plain
numeric arrays, read with ``allow_pickle=False``, and one array of UTF-8 JSON for the words.
Weights and IDFs are float64 arrays and the postings their packed bytes, so what is restored
is the built index value for value and every message scores the same. A header line holds
the digest and the SHA-256 of the arrays, checked before they are read.

What is restored stays as arrays (``faq.FeatureWeights``, ``faq.Postings``: one blob and one
array of ends a kind of postings, by feature number), and each word of the spelling index is
one string however many of its tables hold it: the index lives in every running bot.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.domain.faq import BuiltParts, FeatureWeights, LexicalMatcher, Matcher, Postings, Space
from bot.domain.textnorm import SpellIndex, SpellState, StringPool
from bot.install_files import install_dir
from bot.storage.atomic import atomic_replace

if TYPE_CHECKING:
    from numpy.typing import NDArray

log = logging.getLogger(__name__)
INDEX_FILE = "faq-index.npz"
#: Raised when what is written changes.
FORMAT = b"faq-index-arrays 2"
_SPACES = ("words", "chars")


def index_path() -> Path:
    """Where the FAQ index's parts are (or are to be) kept."""
    return install_dir() / INDEX_FILE


def _header(key: str, payload: bytes) -> bytes:
    return b"%s %s %s\n" % (
        FORMAT,
        key.encode("ascii"),
        hashlib.sha256(payload).hexdigest().encode(),
    )


def _pooled(state: SpellState) -> SpellState:
    """``state`` with each word one string object: read from JSON, a word the known words,
    the words and the skeletons all hold was a string in each."""
    one = StringPool().one
    return SpellState(
        min_length=state.min_length,
        known=frozenset(one(word) for word in state.known),
        skeletons={one(key): one(word) for key, word in state.skeletons.items()},
        words=tuple(one(word) for word in state.words),
        shared={one(key): one(word) for key, word in state.shared.items()},
        hashes=state.hashes,
        numbers=state.numbers,
    )


def _arrays(parts: dict[str, BuiltParts]) -> dict[str, NDArray[Any]]:
    import numpy as np

    meta: dict[str, Any] = {}
    arrays: dict[str, NDArray[Any]] = {}
    for lang, built in parts.items():
        spell = built.spell.state()
        meta[lang] = {
            "min_length": spell.min_length,
            "known": sorted(spell.known),
            "skeletons": spell.skeletons,
            "words": list(spell.words),
            "shared": spell.shared,
            "doc_topic": list(built.doc_topic),
            "spaces": {},
        }
        arrays[f"{lang}.spell.hashes"] = np.frombuffer(spell.hashes, dtype=np.uint64)
        arrays[f"{lang}.spell.numbers"] = np.frombuffer(spell.numbers, dtype=np.uint32)
        centroids = {"words": built.centroid_words, "chars": built.centroid_chars}
        for name, space in (("words", built.words), ("chars", built.chars)):
            meta[lang]["spaces"][name] = {
                "features": list(space.idf.numbers),
                "unknown_idf": space.unknown_idf,
                "size": space.size,
            }
            arrays[f"{lang}.{name}.idf"] = np.frombuffer(space.idf.weights, dtype=np.float64)
            for kind, postings in (("postings", space.postings), ("centroid", centroids[name])):
                if postings.numbers is not space.idf.numbers:
                    raise ValueError("postings numbered apart from their space's features")
                arrays[f"{lang}.{name}.{kind}.ends"] = np.frombuffer(postings.ends, dtype=np.int64)
                arrays[f"{lang}.{name}.{kind}.blob"] = np.frombuffer(postings.blob, dtype=np.uint8)
    arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8)
    return arrays


def _parts(arrays: Any) -> dict[str, BuiltParts]:
    meta = json.loads(arrays["meta"].tobytes())
    parts: dict[str, BuiltParts] = {}
    for lang, own in meta.items():
        spell = SpellIndex.from_state(
            _pooled(
                SpellState(
                    min_length=own["min_length"],
                    known=frozenset(own["known"]),
                    skeletons=own["skeletons"],
                    words=tuple(own["words"]),
                    shared=own["shared"],
                    hashes=array("Q", arrays[f"{lang}.spell.hashes"].tobytes()),
                    numbers=array("I", arrays[f"{lang}.spell.numbers"].tobytes()),
                )
            )
        )
        spaces: dict[str, Space] = {}
        centroids: dict[str, Postings] = {}
        for name in _SPACES:
            stored = own["spaces"][name]
            numbers = {feature: at for at, feature in enumerate(stored["features"])}
            idf = FeatureWeights(numbers, array("d", arrays[f"{lang}.{name}.idf"].tobytes()))
            packed = {
                kind: Postings(
                    numbers,
                    array("q", arrays[f"{lang}.{name}.{kind}.ends"].tobytes()),
                    arrays[f"{lang}.{name}.{kind}.blob"].tobytes(),
                )
                for kind in ("postings", "centroid")
            }
            spaces[name] = Space(idf, stored["unknown_idf"], packed["postings"], stored["size"])
            centroids[name] = packed["centroid"]
        parts[lang] = BuiltParts(
            spell=spell,
            doc_topic=tuple(own["doc_topic"]),
            words=spaces["words"],
            chars=spaces["chars"],
            centroid_words=centroids["words"],
            centroid_chars=centroids["chars"],
        )
    return parts


def read(key: str, path: Path | None = None) -> dict[str, BuiltParts] | None:
    """The parts written under ``key``; None when there are none, or others, or the file is
    damaged."""
    import numpy as np

    path = path or index_path()
    try:
        # Read as the header line and the arrays' bytes: no copy of the whole file beside them.
        with path.open("rb") as handle:
            header = handle.readline()
            payload = handle.read()
    except OSError:
        return None
    if header != _header(key, payload):
        return None
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as arrays:
            return _parts(arrays)
    except Exception:  # a file this code cannot read is rebuilt, whatever the reason
        return None


def write(matcher: Matcher, key: str, path: Path | None = None) -> bool:
    """Write ``matcher``'s parts under ``key``; False when the directory cannot be written
    (or the matcher is not the lexical one, which alone has such parts)."""
    import numpy as np

    if not isinstance(matcher, LexicalMatcher):
        return False
    path = path or index_path()
    buffer = io.BytesIO()
    np.savez(buffer, allow_pickle=False, **_arrays(matcher.parts()))
    payload = buffer.getvalue()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_replace(path, _header(key, payload) + payload, mode=0o644)
    except OSError as exc:
        log.info("faq_index_not_written", extra={"error": type(exc).__name__})
        return False
    return True
