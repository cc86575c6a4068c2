"""Specification of the FAQ index kept as a file in the install's directory: a start with the
same content, code and libraries reads it instead of building it again, and matches as the
built index does."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalog import catalog as catalog_module
from bot.catalog import faq_index_file
from bot.catalog.catalog import Catalog
from bot.catalog.check_stamp import content_digest, load_checked
from bot.catalog.faq_content import build_matcher
from bot.catalog.files import CONTENT_DIR
from bot.commands import content_cmd
from bot.domain import textnorm
from bot.domain.faq import LexicalMatcher

DEV = Path(__file__).parent / "data" / "faq-people-dev.yaml"


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
    """The content directories whose FAQ index was built, in order."""
    made: list[Path] = []

    def counted(content_dir: Path) -> LexicalMatcher:
        made.append(content_dir)
        return build_matcher(content_dir)

    monkeypatch.setattr(catalog_module, "build_matcher", counted)
    return made


def test_the_index_read_from_its_file_scores_every_dev_message_as_the_built_one(
    built: LexicalMatcher, tmp_path: Path
) -> None:
    """Every topic's score, the evidence and the timing of each dev message are the same."""
    path = tmp_path / faq_index_file.INDEX_FILE
    assert faq_index_file.write(built, "k", path)
    read = faq_index_file.read("k", path)
    assert read is not None
    questions = yaml.safe_load(DEV.read_text(encoding="utf-8"))["questions"]
    for item in questions:
        lang = item["lang"]
        assert read._index(lang).scores_and_timing(item["text"]) == built._index(
            lang
        ).scores_and_timing(item["text"]), item["id"]


def test_an_index_written_under_another_digest_is_not_read(
    built: LexicalMatcher, tmp_path: Path
) -> None:
    """A file for other content, code or libraries reads as no file."""
    path = tmp_path / faq_index_file.INDEX_FILE
    faq_index_file.write(built, "a", path)
    assert faq_index_file.read("b", path) is None


def test_a_damaged_index_file_is_not_read(built: LexicalMatcher, tmp_path: Path) -> None:
    """A file whose pickle no longer has the SHA-256 in its header reads as no file."""
    path = tmp_path / faq_index_file.INDEX_FILE
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


def test_an_index_read_from_its_file_leaves_the_stem_cache_empty(
    install: Path, tmp_path: Path
) -> None:
    """Reading the index stems nothing: the stems the build cached are not held by a start
    that reads it (one of the things that made the built index cost more memory)."""
    key = content_digest(CONTENT_DIR)
    faq_index_file.write(build_matcher(CONTENT_DIR), key)
    textnorm.stem.cache_clear()
    catalog = Catalog.load(CONTENT_DIR)
    catalog.index_key = key
    textnorm.stem.cache_clear()  # loading the safety screen stems its terms
    catalog.warm()
    assert textnorm.stem.cache_info().currsize == 0


def test_a_clean_content_check_writes_the_index_for_the_next_start(
    install: Path, builds: list[Path]
) -> None:
    """`content check` (the Docker build runs it) leaves the index it built for the bot's
    first start, which then reads it."""
    assert content_cmd.run(["check"], io.StringIO(), io.StringIO(), content_dir=CONTENT_DIR) == 0
    assert builds == [CONTENT_DIR]
    load_checked(CONTENT_DIR, install / "stamp").warm()
    assert builds == [CONTENT_DIR]
