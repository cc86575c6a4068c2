"""The red-flag screen's term index stays small: it lives in every running bot."""

from __future__ import annotations

import sys

import pytest

from bot.catalog.faq_content import load_safety
from bot.catalog.files import CONTENT_DIR
from bot.domain.safety import SLOT_CACHE, SafetyScreen
from bot.domain.textnorm import skeleton

POSTINGS = ("_exact", "_prefixes", "_soft", "_soft_prefixes", "_soft_stems")


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


def _postings(screen: SafetyScreen) -> list[int | tuple[int, ...]]:
    index = screen._index
    values = [value for name in POSTINGS for value in getattr(index, name).values()]
    return values + [value for stems in index._lang_stems.values() for value in stems.values()]


def test_term_slot_ids_take_under_40_bytes_a_term(screen: SafetyScreen) -> None:
    """Each term's own slot-id objects average under 40 bytes (a one-id set took 216, a
    one-id tuple 48; a lone id is the slot's own number, shared with the rules)."""
    values = _postings(screen)
    assert len(values) > 10_000
    own = [sys.getsizeof(value) for value in values if isinstance(value, tuple)]
    assert sum(own) / len(values) < 40


def test_a_term_in_one_slot_keeps_the_id_itself(screen: SafetyScreen) -> None:
    """No term's slot ids are a one-id tuple once the screen is built."""
    values = _postings(screen)
    assert all(isinstance(value, int) or len(value) > 1 for value in values)


def test_stems_are_looked_up_per_language_without_key_tuples(screen: SafetyScreen) -> None:
    """The stem terms are keyed by the stem alone, in one table per language."""
    index = screen._index
    assert index._stems == {} and index._stem_heads == set()
    keys = [key for stems in index._lang_stems.values() for key in stems]
    assert len(keys) > 1_000 and all(isinstance(key, str) for key in keys)


def test_the_slot_numbering_is_let_go_once_built(screen: SafetyScreen) -> None:
    """Numbering slots is for compiling: the built screen keeps none and numbers no more."""
    assert screen._index._slot_ids == {}
    with pytest.raises(RuntimeError, match="sealed"):
        screen._index.slot_id("bleeding", "en")


def test_the_words_remembered_between_messages_are_bounded(screen: SafetyScreen) -> None:
    """However many different words people type, the screen remembers at most SLOT_CACHE."""
    for start in range(0, SLOT_CACHE + 2_000, 500):
        screen.screen(" ".join(f"zq{n}x" for n in range(start, start + 500)), "en")
    assert screen._index.slots_of.cache_info().currsize <= SLOT_CACHE


def test_the_spelling_indexs_known_words_take_under_10_bytes_a_word(screen: SafetyScreen) -> None:
    """The words never corrected are kept sorted in a tuple (8 bytes a word), not in a set
    (its table took 90 bytes a word)."""
    known = screen._index._spell._known
    assert len(known) > 1_000 and list(known) == sorted(set(known))
    assert sys.getsizeof(known) / len(known) < 10


def test_the_rules_phrase_patterns_are_not_kept_once_compiled(screen: SafetyScreen) -> None:
    """The built screen keeps each rule's level, reason and options but not its patterns,
    exclusions or denials, which it reads as slot ids (about 1.9 MB of models and strings)."""
    rules = [compiled.rule for compiled in screen._rules]
    assert len(rules) > 10 and {rule.reason for rule in rules} == screen.reasons
    assert all(not rule.patterns and not rule.exclude and rule.denial is None for rule in rules)
    assert all(compiled.patterns for compiled in screen._rules)
    assert not hasattr(screen, "rules")


def test_the_frames_words_are_not_kept_once_compiled(screen: SafetyScreen) -> None:
    """The built screen keeps each frame's options but not its word lists and patterns."""
    frames = [compiled.frame for compiled in screen._frames]
    assert len(frames) > 5
    assert all(
        not (frame.patterns or frame.ends or frame.voids or frame.void_exceptions or frame.needs)
        for frame in frames
    )
    assert any(frame.crisis for frame in frames) and any(frame.to_needs for frame in frames)


def test_the_term_index_keys_are_the_spelling_index_words(screen: SafetyScreen) -> None:
    """A term that is also a word of the spelling index is one string object in both, not a
    normalised copy in each table."""
    index = screen._index
    words = {word: word for word in index._spell.state().known}
    keys = [key for name in POSTINGS for key in getattr(index, name)]
    keys += [key for stems in index._lang_stems.values() for key in stems]
    shared = [key for key in keys if key in words]
    assert len(shared) > 1_000
    assert all(words[key] is key for key in shared)


def test_a_word_without_repeated_letters_is_its_own_skeleton() -> None:
    """skeleton() returns such a word itself, so an index keeping both keeps one string."""
    word = "".join(["walk", "ing"])
    assert skeleton(word) is word
    assert skeleton("bleeding") == "bleding"


def test_terms_in_the_same_slots_share_one_tuple(screen: SafetyScreen) -> None:
    """Equal slot-id tuples are one object (a third of the terms in several slots share
    their slots with another term)."""
    tuples = [value for value in _postings(screen) if isinstance(value, tuple)]
    assert len(tuples) > 1_000
    assert len({id(value) for value in tuples}) == len(set(tuples))
