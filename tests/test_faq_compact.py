"""The FAQ index stays small, built or restored from its file: it lives in every running bot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.catalog import faq_index_file
from bot.catalog.faq_content import build_matcher
from bot.catalog.files import CONTENT_DIR
from bot.domain.faq import BuiltParts, Postings


@pytest.fixture(scope="module")
def restored(tmp_path_factory: pytest.TempPathFactory) -> BuiltParts:
    path = Path(tmp_path_factory.mktemp("install")) / faq_index_file.INDEX_FILE
    assert faq_index_file.write(build_matcher(CONTENT_DIR), "k", path)
    read = faq_index_file.read("k", path)
    assert read is not None
    return read["en"]


@pytest.fixture(scope="module", params=["built", "restored"])
def parts(request: pytest.FixtureRequest) -> BuiltParts:
    """The English parts, as built from the content and as read back from the index file."""
    if request.param == "built":
        return build_matcher(CONTENT_DIR).parts()["en"]
    found: BuiltParts = request.getfixturevalue("restored")
    return found


def test_each_features_idf_takes_8_bytes(parts: BuiltParts) -> None:
    """IDFs are one array of doubles by feature number, not a dict of float objects."""
    for space in (parts.words, parts.chars):
        assert len(space.idf) > 1_000
        assert sys.getsizeof(space.idf.weights) / len(space.idf) < 9


def test_postings_are_slices_of_one_blob(parts: BuiltParts) -> None:
    """A kind of postings is one bytes blob and 8 bytes of end a feature, numbered as its
    space's IDFs, not a bytes object a feature in a dict."""
    for space, centroids in (
        (parts.words, parts.centroid_words),
        (parts.chars, parts.centroid_chars),
    ):
        for postings in (space.postings, centroids):
            assert isinstance(postings, Postings) and isinstance(postings.blob, bytes)
            assert postings.numbers is space.idf.numbers
            assert sys.getsizeof(postings.ends) / len(postings) < 9
            assert postings.ends[-1] == len(postings.blob)


def test_the_spelling_index_keeps_each_word_once(parts: BuiltParts) -> None:
    """A word the known words, the words and the skeletons all hold is one string object, not
    one for each list that names it or each place the file's JSON does."""
    state = parts.spell.state()
    known = {word: word for word in state.known}
    assert len(state.words) > 500
    assert all(known[word] is word for word in state.words)
    assert all(known[word] is word for word in state.skeletons.values())
    assert all(key is word for key, word in state.skeletons.items() if key == word)
