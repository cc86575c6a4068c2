"""Specification of the FAQ index's costly parts kept as plain arrays in the install's
directory: a start with the same content, code and libraries restores them instead of
analysing every example again, matches as the built index does, and nothing in the file can
run code when it is read (RELIABILITY D8)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.catalog import catalog as catalog_module
from bot.catalog import faq_index_file
from bot.catalog.catalog import Catalog
from bot.catalog.check_stamp import load_checked
from bot.catalog.faq_content import build_matcher
from bot.catalog.files import CONTENT_DIR
from bot.commands import content_cmd
from bot.domain.faq import BuiltParts, FaqTopic, LexicalMatcher

DATA = Path(__file__).parent / "data"
#: Every FAQ dev file (never a held-out one).
DEV_FILES = sorted(DATA.glob("faq-*dev*.yaml"))


@pytest.fixture(scope="module")
def built() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "install"
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(directory))
    return directory


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content directories whose FAQ index was built by analysing its examples, in
    order (a restore from parts is not counted)."""
    made: list[Path] = []

    def counted(
        content_dir: Path,
        parts: dict[str, BuiltParts] | None = None,
        topics: Mapping[str, Mapping[str, FaqTopic]] | None = None,
    ) -> LexicalMatcher:
        if parts is None:
            made.append(content_dir)
        return build_matcher(content_dir, parts, topics=topics)

    monkeypatch.setattr(catalog_module, "build_matcher", counted)
    return made


def written_and_read(built: LexicalMatcher, path: Path) -> dict[str, BuiltParts]:
    assert faq_index_file.write(built, "k", path)
    parts = faq_index_file.read("k", path)
    assert parts is not None
    return parts


def test_the_index_restored_from_its_file_scores_every_dev_message_as_the_built_one(
    built: LexicalMatcher, tmp_path: Path
) -> None:
    """Every topic's score, the evidence and the timing of every FAQ dev message are the same,
    bit for bit."""
    restored = build_matcher(CONTENT_DIR, written_and_read(built, tmp_path / "index"))
    items = [
        item
        for dev in DEV_FILES
        for key, listed in yaml.safe_load(dev.read_text(encoding="utf-8")).items()
        if key != "meta"
        for item in listed
    ]
    assert len(items) > 1000
    for item in items:
        lang, text = item["lang"], item["text"]
        assert restored._index(lang).scores_and_timing(text) == built._index(
            lang
        ).scores_and_timing(text), item["id"]


def test_the_restored_index_holds_what_the_built_one_holds(
    built: LexicalMatcher, tmp_path: Path
) -> None:
    """IDFs, postings, centroids, example topics and spelling deletions are equal, in order."""
    parts = written_and_read(built, tmp_path / "index")
    for lang, own in built.parts().items():
        read = parts[lang]
        assert read.doc_topic == own.doc_topic
        assert read.spell.state() == own.spell.state()
        for mine, theirs in ((read.words, own.words), (read.chars, own.chars)):
            assert list(mine.idf.items()) == list(theirs.idf.items())
            assert list(mine.postings.items()) == list(theirs.postings.items())
            assert (mine.unknown_idf, mine.size) == (theirs.unknown_idf, theirs.size)
        assert list(read.centroid_words.items()) == list(own.centroid_words.items())
        assert list(read.centroid_chars.items()) == list(own.centroid_chars.items())


def test_the_file_holds_only_plain_numeric_arrays(built: LexicalMatcher, tmp_path: Path) -> None:
    """Every array in the file is numbers (no object array, nothing pickle-loadable)."""
    path = tmp_path / "index"
    faq_index_file.write(built, "k", path)
    payload = path.read_bytes().partition(b"\n")[2]
    with np.load(io.BytesIO(payload), allow_pickle=False) as arrays:
        kinds = {arrays[name].dtype.kind for name in arrays.files}
    assert kinds <= {"i", "u", "f"}


def test_a_file_with_an_object_array_is_not_read(tmp_path: Path) -> None:
    """An array that would need unpickling is refused, even with a matching header."""
    buffer = io.BytesIO()
    np.savez(buffer, meta=np.array([{"a": 1}], dtype=object))
    payload = buffer.getvalue()
    path = tmp_path / "index"
    path.write_bytes(faq_index_file._header("k", payload) + payload)
    assert faq_index_file.read("k", path) is None


def test_an_index_written_under_another_digest_is_not_read(
    built: LexicalMatcher, tmp_path: Path
) -> None:
    """A file for other content, code or libraries reads as no file."""
    path = tmp_path / "index"
    faq_index_file.write(built, "a", path)
    assert faq_index_file.read("b", path) is None


def test_a_damaged_index_file_is_not_read(built: LexicalMatcher, tmp_path: Path) -> None:
    """A file whose arrays no longer have the SHA-256 in its header reads as no file."""
    path = tmp_path / "index"
    faq_index_file.write(built, "k", path)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    assert faq_index_file.read("k", path) is None


def test_a_checked_start_writes_the_index_and_the_next_one_reads_it(
    install: Path, builds: list[Path], tmp_path: Path
) -> None:
    """The first start on some content builds the index and writes it; the second reads it."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    stamp = tmp_path / "stamp"
    load_checked(content, stamp).warm()
    assert builds == [content]
    assert (install / faq_index_file.INDEX_FILE).is_file()
    load_checked(content, stamp).warm()
    assert builds == [content]


def test_changed_content_builds_the_index_again(
    install: Path, builds: list[Path], tmp_path: Path
) -> None:
    """An edit to any content file gives another digest: the index is built from the new
    content, not read."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    stamp = tmp_path / "stamp"
    load_checked(content, stamp).warm()
    synonyms = content / "locales" / "en" / "synonyms.yaml"
    synonyms.write_text(synonyms.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_checked(content, stamp).warm()
    assert builds == [content, content]


def test_a_catalog_loaded_without_a_digest_builds_its_index(
    install: Path, builds: list[Path]
) -> None:
    """Catalog.load alone (tests, previews, the editors' tools) neither reads nor writes it."""
    Catalog.load(CONTENT_DIR).warm()
    assert builds == [CONTENT_DIR]
    assert not (install / faq_index_file.INDEX_FILE).exists()


def test_a_clean_content_check_writes_the_index_for_the_next_start(
    install: Path, builds: list[Path]
) -> None:
    """`content check` (the Docker build runs it) leaves the index it built for the bot's
    first start, which then reads it."""
    assert content_cmd.run(["check"], io.StringIO(), io.StringIO(), content_dir=CONTENT_DIR) == 0
    assert builds == [CONTENT_DIR]
    load_checked(CONTENT_DIR, install / "stamp").warm()
    assert builds == [CONTENT_DIR]
