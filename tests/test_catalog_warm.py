"""Warming the catalog at start-up: the FAQ index is built, and the parsed YAML files that
the loaders shared are let go, since the running bot never reads them again."""

from __future__ import annotations

from bot.catalog.catalog import Catalog
from bot.catalog.files import CONTENT_DIR, parsed_count, read_yaml


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
