"""The bot's stems (PyStemmer, Snowball in C) are the pure-Python Snowball stemmers' stems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.russian_stemmer import RussianStemmer
from snowballstemmer.spanish_stemmer import SpanishStemmer

from bot.catalog.files import CONTENT_DIR, read_yaml
from bot.domain.textnorm import normalize, stem, tokenize

DATA = Path(__file__).parent / "data"
_WORD = re.compile(r"[^\W\d_]+")
REFERENCE = {"en": EnglishStemmer, "es": SpanishStemmer, "ru": RussianStemmer}


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _words() -> list[str]:
    """Every word of the content (YAML and templates) and of the development eval sets (never
    the held-out ones): as the bot stems them (normalised tokens) and as written."""
    texts: list[str] = []
    for path in sorted(CONTENT_DIR.rglob("*")):
        if path.suffix in {".yaml", ".yml"}:
            texts.extend(_strings(read_yaml(path)))
        elif path.suffix in {".j2", ".txt", ".md"}:
            texts.append(path.read_text(encoding="utf-8"))
    for path in sorted(DATA.glob("*.yaml")):
        if "heldout" not in path.name:
            texts.extend(_strings(read_yaml(path)))
    words: set[str] = set()
    for text in texts:
        words.update(tokenize(normalize(text, len(text) + 1)))
        words.update(_WORD.findall(text.casefold()))
    return sorted(w for w in words if w.isalpha())


@pytest.mark.parametrize("lang", sorted(REFERENCE))
def test_every_content_and_dev_word_has_the_pure_python_snowball_stem(lang: str) -> None:
    """Each word of the content and the dev eval sets stems as pure-Python Snowball stems it."""
    reference = REFERENCE[lang]()
    words = _words()
    assert len(words) > 10_000  # the sets were read
    differing = [w for w in words if stem(w, lang) != reference.stemWord(w)]
    assert differing == []
