"""The red-flag screen's term index stays small: it lives in every running bot."""

from __future__ import annotations

import sys

import pytest

from bot.catalog.faq_content import load_safety
from bot.catalog.files import CONTENT_DIR
from bot.domain.safety import SLOT_CACHE, SafetyScreen

POSTINGS = ("_exact", "_stems", "_prefixes", "_soft", "_soft_prefixes", "_soft_stems")


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


def test_term_slot_ids_take_under_64_bytes_a_term(screen: SafetyScreen) -> None:
    """Each term's slot ids average under 64 bytes (a one-id set took 216)."""
    index = screen._index
    values = [value for name in POSTINGS for value in getattr(index, name).values()]
    assert len(values) > 10_000
    assert sum(sys.getsizeof(value) for value in values) / len(values) < 64


def test_the_words_remembered_between_messages_are_bounded(screen: SafetyScreen) -> None:
    """However many different words people type, the screen remembers at most SLOT_CACHE."""
    for start in range(0, SLOT_CACHE + 2_000, 500):
        screen.screen(" ".join(f"zq{n}x" for n in range(start, start + 500)), "en")
    assert screen._index.slots_of.cache_info().currsize <= SLOT_CACHE
