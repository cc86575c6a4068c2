"""Strings without template syntax are served as they are, exactly as Jinja renders them."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from bot.catalog.strings import SHARED, STRING_PREFIX


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
def test_every_string_reads_the_same_as_its_jinja_rendering(catalog: Catalog, locale: str) -> None:
    """For each string of a locale, text() equals the template's own render with no context."""
    texts = catalog.texts[locale]
    plain = [key for key in texts.strings if "{" not in texts.strings[key]]
    rendered = {key: texts.env.get_template(STRING_PREFIX + key).render(**SHARED) for key in plain}
    assert plain and {key: texts.text(key) for key in plain} == rendered
