"""Text normalisation shared by the red-flag screen and the FAQ matcher.

Everything here is pure, deterministic and bounded: callers pass a character limit, and
only a bounded prefix of the raw text is ever looked at, so a 4,096-character message
costs about what a short one does. No regular expression here has nested quantifiers.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from zlib import adler32, crc32

import Stemmer

#: Languages with a Snowball stemmer we use; anything else is treated as English.
STEMMER_LANGUAGES = {"en": "english", "es": "spanish", "ru": "russian"}
DEFAULT_LANG = "en"

# NFKC and the stripping of invisible characters can only shrink or slightly grow a
# string, so looking at four times the wanted length of raw text is always enough
# for ordinary text while keeping the work bounded for adversarial input.
_RAW_FACTOR = 4

# Control, format (zero-width and bidi controls), surrogate and private-use characters
# carry no words and are stripped with one character class (linear time). Whitespace of
# any kind becomes a single space so that words on separate lines stay separate.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\ue000-\uf8ff\U000e0000-\U000e007f'\u2019\u02bc\u2018`\u00b4]"
)
# Latin letters with diacritics are folded to their base letter (people type "nino"
# for "niño" and "semanas" either way); Cyrillic letters are kept as they are, except
# "ё", which Russian writers use and omit interchangeably.
_CYRILLIC_YO = str.maketrans({"ё": "е"})

_TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[^\W\d_]+")
_CLAUSE_BREAK_RE = re.compile(r"[.,;:!?\u2026\u2013\u2014()\n]")
# Sentences end only where a thought does: a full stop, a question or exclamation mark, a
# semicolon, an ellipsis or a new line (never at a comma, a colon, a dash or a bracket).
_SENTENCE_BREAK_RE = re.compile(r"[.;!?\u2026\n]")


def _fold_char(char: str) -> str:
    if char.isascii() or not char.isalpha():
        return char
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if base.isascii():
        return base
    return char


@lru_cache(maxsize=4096)
def _fold_word(word: str) -> str:
    return "".join(_fold_char(c) for c in word)


def normalize(text: str, limit: int) -> str:
    """Return at most ``limit`` characters of ``text``: NFKC, casefolded, invisible characters
    stripped, apostrophes dropped inside words, Latin diacritics folded, spaces collapsed."""
    raw = text[: max(limit, 1) * _RAW_FACTOR]
    raw = unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", raw)).casefold()
    # NFKC can compose new invisible characters out of compatibility forms; strip again.
    raw = _INVISIBLE_RE.sub("", raw)
    # Folding maps one character to one character, so cutting first is safe and bounds it.
    cleaned = " ".join(raw.split())[:limit].translate(_CYRILLIC_YO)
    return " ".join(_fold_word(word) for word in cleaned.split(" ")).strip()


@lru_cache(maxsize=16384)
def normalize_term(term: str) -> str:
    """``normalize(term, 64)`` for a word or short phrase of the content, cached: building the
    red-flag rules normalises the same terms tens of thousands of times. Not for what people
    type, which is not kept in a cache."""
    return normalize(term, 64)


#: No real word is longer; longer runs are stretched words ("bleeeeeding") or noise.
MAX_TOKEN = 40


def tokenize(normalized: str) -> list[str]:
    """Split normalised text into words and numbers ("33w" gives "33", "w"; "38.4" stays one).

    A token longer than ``MAX_TOKEN`` is replaced by its skeleton (stretched letters
    collapsed) and dropped if that is still too long, so later per-word work is bounded.
    """
    return read_clauses(normalized).tokens


@dataclass(frozen=True)
class Clauses:
    """A text read once: ``tokenize``'s tokens; for each, the number of its clause (clauses
    are separated by punctuation, ". , ; : ! ?" and the like, between words); and the
    numbers of the clauses that end in a question mark."""

    tokens: list[str]
    clauses: list[int]
    asked: frozenset[int]


def read_clauses(normalized: str) -> Clauses:
    """Tokens, their clauses and the asked clauses of ``normalized`` in one walk (the red-flag
    screen reads all three of every message)."""
    tokens: list[str] = []
    clauses: list[int] = []
    asked: set[int] = set()
    for match, clause, after_question in _clauses(normalized):
        if after_question:
            asked.add(clause - 1)
        token = match.group()
        if len(token) > MAX_TOKEN:
            token = skeleton(token)
            if len(token) > MAX_TOKEN:
                continue
        tokens.append(token)
        clauses.append(clause)
    return Clauses(tokens, clauses, frozenset(asked))


def pieces(text: str, sentences: bool = False) -> list[str]:
    """The clauses of ``text`` as written (its sentences when ``sentences``), each from its
    first word or number to its last, in order; works on any text, normalised or not."""
    spans: dict[int, list[int]] = {}
    breaks = _SENTENCE_BREAK_RE if sentences else _CLAUSE_BREAK_RE
    for match, clause, _ in _clauses(text, breaks):
        spans.setdefault(clause, [match.start(), match.end()])[1] = match.end()
    return [text[start:end] for start, end in spans.values()]


def _clauses(
    normalized: str, breaks: re.Pattern[str] = _CLAUSE_BREAK_RE
) -> Iterator[tuple[re.Match[str], int, bool]]:
    """Each word as matched, the number of its clause (parts between ``breaks``), and whether
    a question mark ended the clause before it (at a break between words)."""
    clause = 0
    end = 0
    for match in _TOKEN_RE.finditer(normalized):
        asked = False
        if breaks.search(normalized, end, match.start()):
            asked = end > 0 and "?" in normalized[end : match.start()]
            clause += 1
        end = match.end()
        yield match, clause, asked


def skeleton(word: str) -> str:
    """Collapse runs of the same letter ("bleeeding" and "bleding" both give "bleding").
    A word with no such run is returned itself, not a copy: the indexes that keep a word and
    its skeleton then keep one string."""
    if len(word) < 2:
        return word
    out = [word[0]]
    for char in word[1:]:
        if char != out[-1]:
            out.append(char)
    return word if len(out) == len(word) else "".join(out)


def stemmer_language(lang: str | None) -> str:
    """The language code whose stemmer applies to ``lang`` (English when unknown)."""
    if lang is not None and lang in STEMMER_LANGUAGES:
        return lang
    return DEFAULT_LANG


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> tuple[Stemmer.Stemmer, threading.Lock]:
    # PyStemmer: Snowball's own C stemmers, the stems of the pure-Python snowballstemmer
    # (tests/test_stemmer.py compares every content and dev-eval word) at a fraction of the
    # start-up time. A stemmer keeps state while it works, so one thread at a time uses it
    # (the FAQ index is built in a thread while messages are screened).
    return Stemmer.Stemmer(STEMMER_LANGUAGES[stemmer_language(lang)], 0), threading.Lock()


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """Snowball stem of one normalised word in ``lang`` (numbers are returned unchanged)."""
    if not word.isalpha():
        return word
    stemmer, lock = _stemmer(stemmer_language(lang))
    with lock:
        return str(stemmer.stemWord(word))


def forget_cached() -> None:
    """Empty the caches of folded words, normalised terms and stems. Loading the content fills
    them with its words (about 2.5 MB of resident memory); a process that has built everything
    it reads from the content needs none of them again, and what people type fills them anew."""
    _fold_word.cache_clear()
    normalize_term.cache_clear()
    stem.cache_clear()


def _holds(words: tuple[str, ...], word: str) -> bool:
    """True when ``word`` is in the sorted ``words``."""
    at = bisect_left(words, word)
    return at < len(words) and words[at] == word


def deletions(word: str) -> list[str]:
    """``word`` and every string made by deleting one character of it (symmetric-delete
    spelling index: two words share an entry when they are at most one edit apart)."""
    return [word] + [word[:i] + word[i + 1 :] for i in range(len(word))]


def _key_hash(key: str) -> int:
    # A stable hash (Python's own differs between processes, and the FAQ index is kept in a
    # file) of 64 bits, so two keys of one index practically never share one; CRC-32 and
    # Adler-32 are the cheapest such pair in the standard library.
    data = key.encode("utf-8")
    return (crc32(data) << 32) | adler32(data)


class StringPool:
    """One string object for each distinct string: ``one(text)`` returns the first string
    equal to ``text`` that the pool was given (``seed`` first), so tables that each hold a
    word read or made apart hold one object, not one each (a word read from JSON, or made by
    normalising, is a new string each time). Unlike ``sys.intern`` the pool goes with its last
    reference: ``sys.intern`` keeps an entry for every word in the interpreter's own table
    while the word lives (about 26 bytes a word when that table must grow). Iterating gives
    the distinct strings in the order first given."""

    __slots__ = ("_strings",)

    def __init__(self, seed: Iterable[str] = ()) -> None:
        self._strings: dict[str, str] = {text: text for text in seed}

    def one(self, text: str) -> str:
        """The pool's string equal to ``text``, which becomes it when there is none yet."""
        return self._strings.setdefault(text, text)

    def __iter__(self) -> Iterator[str]:
        return iter(self._strings)


@dataclass(frozen=True)
class SpellState:
    """A ``SpellIndex`` as plain data: its settings, words and sorted deletion hashes."""

    min_length: int
    known: frozenset[str]
    #: a word with doubled letters made single -> the first word that has that skeleton
    skeletons: dict[str, str]
    words: tuple[str, ...]
    #: deletions whose hash another deletion has too -> their word
    shared: dict[str, str]
    #: the other deletions' hashes, sorted, and the number of each one's word in ``words``
    hashes: array[int]
    numbers: array[int]


class SpellIndex:
    """Corrects a misspelt word to a known word at most one edit away (symmetric delete).

    Only words of ``min_length`` letters or more are corrected, because short words are
    too often another real word one edit away. Ties are broken by the first word added,
    so results are deterministic. ``known`` lists further real words that are left alone.

    The deletions are not kept as strings (a dict of 30,000 of them took 2.7 MB for the FAQ
    of three locales, and as much again for the red-flag screen): each is a 64-bit hash in a
    sorted ``array`` beside the number of its word, 12 bytes a deletion. A hash that is found
    is confirmed by the word (the looked-up deletion must be one of that word's), and keys
    that share a hash keep their words in a small dict, so corrections are exactly those of a
    dict from deletions to words. The known words are a sorted tuple searched by bisection,
    8 bytes a word, not a set (up to 90: 524 KB for the red-flag screen's 5,700).
    """

    def __init__(
        self, words: Iterable[str], min_length: int = 5, known: Iterable[str] = ()
    ) -> None:
        self._min_length = min_length
        # Known words are never corrected, but nothing is corrected into them either. Each
        # word is kept as one string object, however often the lists repeat it.
        known_words = StringPool(known)
        index: dict[str, str] = {}
        self._skeletons: dict[str, str] = {}
        for word in words:
            if not word.isalpha():
                continue
            word = known_words.one(word)
            self._skeletons.setdefault(skeleton(word), word)
            if len(word) < min_length - 1:
                continue
            for key in deletions(word):
                index.setdefault(key, word)
        self._known = tuple(sorted(known_words))
        import numpy as np  # here, not with the module: importing the bot stays light

        numbers: dict[str, int] = {}
        hashes = np.fromiter((_key_hash(key) for key in index), dtype=np.uint64, count=len(index))
        owners = np.fromiter(
            (numbers.setdefault(word, len(numbers)) for word in index.values()),
            dtype=np.uint32,
            count=len(index),
        )
        order = np.argsort(hashes, kind="stable")
        hashes, owners = hashes[order], owners[order]
        self._words = tuple(numbers)
        shared = np.zeros(len(hashes), dtype=bool)
        same = hashes[1:] == hashes[:-1]
        shared[1:] |= same
        shared[:-1] |= same
        keys = list(index)
        #: Keys whose hash another key has too (practically never), with their words.
        self._shared: dict[str, str] = {keys[at]: index[keys[at]] for at in order[shared].tolist()}
        self._hashes = array("Q", hashes[~shared].tobytes())
        self._numbers = array("I", owners[~shared].tobytes())

    def state(self) -> SpellState:
        """What the index holds, as plain data (``from_state`` restores it)."""
        return SpellState(
            min_length=self._min_length,
            known=frozenset(self._known),
            skeletons=self._skeletons,
            words=self._words,
            shared=self._shared,
            hashes=self._hashes,
            numbers=self._numbers,
        )

    @classmethod
    def from_state(cls, state: SpellState) -> SpellIndex:
        """The index whose ``state()`` was ``state``: it corrects as that one did."""
        index = cls.__new__(cls)
        index._min_length = state.min_length
        index._known = tuple(sorted(state.known))
        index._skeletons = state.skeletons
        index._words = state.words
        index._shared = state.shared
        index._hashes = state.hashes
        index._numbers = state.numbers
        return index

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _holds(self._known, word)

    def _lookup(self, key: str) -> str | None:
        """The word ``key`` is a deletion of, first added (a dict's ``get``)."""
        if self._shared and key in self._shared:
            return self._shared[key]
        hashed = _key_hash(key)
        at = bisect_left(self._hashes, hashed)
        if at == len(self._hashes) or self._hashes[at] != hashed:
            return None
        word = self._words[self._numbers[at]]
        return word if key in deletions(word) else None

    def correct(self, word: str) -> str | None:
        """The known word ``word`` probably means, or None when it is known or unknown."""
        if _holds(self._known, word) or len(word) < self._min_length - 1 or not word.isalpha():
            return None
        # Doubled or stretched letters ("feeever", "stiitch") first: cheap and safe.
        found = self._skeletons.get(skeleton(word))
        if found is not None:
            return found
        if len(word) < self._min_length:
            return None
        for key in deletions(word):
            found = self._lookup(key)
            if found is not None and found[0] == word[0]:
                return found
        return None
