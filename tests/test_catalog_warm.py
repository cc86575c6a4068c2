"""Warming the catalog at start-up: the FAQ index is built, and the parsed YAML files that
the loaders shared are let go, since the running bot never reads them again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog import faq_content
from bot.catalog.catalog import Catalog
from bot.catalog.files import CONTENT_DIR, parsed_count, read_yaml
from bot.domain.faq import FaqTopic
from bot.domain.textnorm import _fold_word, normalize_term, stem


def test_warming_lets_go_of_every_parsed_content_file(catalog: Catalog) -> None:
    """After Catalog.warm no parsed YAML file is kept."""
    read_yaml(CONTENT_DIR / "manifest.yaml")
    assert parsed_count() > 0
    catalog.warm()
    assert parsed_count() == 0


def test_a_file_read_after_warming_is_parsed_again(catalog: Catalog) -> None:
    """read_yaml still serves a file after the parsed ones were let go."""
    catalog.warm()
    assert read_yaml(CONTENT_DIR / "manifest.yaml")["default_locale"] == "en"


def test_warming_empties_the_caches_of_the_contents_words(catalog: Catalog) -> None:
    """After Catalog.warm the folded-word, normalised-term and stem caches are empty."""
    normalize_term("Sangrado abundante")
    stem("bleeding", "en")
    catalog.warm()
    sizes = [f.cache_info().currsize for f in (_fold_word, normalize_term, stem)]
    assert sizes == [0, 0, 0]


def test_the_faq_index_is_built_from_the_catalogs_own_topics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Building the FAQ index reads no FAQ file again: the matcher gets the catalog's topics."""
    fresh = Catalog.load()

    def refuse(content_dir: Path, locale: str) -> list[FaqTopic]:
        raise AssertionError(f"FAQ files of {locale} read again")

    monkeypatch.setattr(faq_content, "load_faq", refuse)
    assert fresh.matcher.languages == tuple(sorted(fresh.faq))
