"""Babel's global data kept one key at a time (``bot.catalog.babel_global``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import babel.core
import pytest
from babel import Locale, localedata
from babel.dates import format_skeleton

from bot.catalog import babel_global

core: Any = babel.core  # its private global data, typed as Babel's whole dict


@pytest.fixture(autouse=True)
def babel_as_it_was() -> Iterator[None]:
    """Leave Babel's global data and locale caches as the test found them."""
    saved = core._global_data
    yield
    core._global_data = saved


def whole() -> dict[str, Any]:
    """Babel's global data as Babel itself reads it (whole)."""
    core._global_data = None
    core.get_global("cldr")
    data = core._global_data
    assert data is not None
    return dict(data)


def test_every_key_is_what_babel_reads() -> None:
    """Each key read on its own equals Babel's whole reading; an unknown key is empty."""
    expected = whole()
    core._global_data = None
    assert babel_global.keep_per_key()
    for key, value in expected.items():
        assert core.get_global(key) == value, key
    assert core.get_global("no_such_key") == {}


def test_only_the_keys_asked_for_are_kept() -> None:
    """Asking for one key keeps that key alone, not the rest of Babel's file."""
    core._global_data = None
    babel_global.keep_per_key()
    core.get_global("parent_exceptions")
    assert set(dict(core._global_data or {})) == {"parent_exceptions"}


def test_babels_data_is_never_set_aside_while_a_key_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While a new key is read from Babel's file, the module's data stays the per-key mapping,
    so another thread in Babel's get_global never finds it missing."""
    core._global_data = None
    babel_global.keep_per_key()
    kept = core._global_data
    seen: list[object] = []
    real_open = open

    def watching_open(*args: Any, **kwargs: Any) -> Any:
        seen.append(core._global_data)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(core, "open", watching_open, raising=False)
    core.get_global("zone_aliases")
    assert seen and all(data is kept for data in seen)


def test_data_read_whole_stays_whole() -> None:
    """Once Babel has read its global data, it is left as it is."""
    data = whole()
    core._global_data = data
    assert not babel_global.keep_per_key()
    assert core._global_data is data


def test_locales_load_and_format_as_before() -> None:
    """A locale loaded with the data kept per key formats a date as with the whole data."""
    day = dt.date(2026, 6, 3)
    core._global_data = None
    babel_global.keep_per_key()
    localedata._cache.pop("es_AR", None)
    localedata._dict_cache.pop("es_AR", None)
    per_key = format_skeleton("yMMMd", day, locale=Locale.parse("es_AR"))
    whole()
    localedata._cache.pop("es_AR", None)
    localedata._dict_cache.pop("es_AR", None)
    assert format_skeleton("yMMMd", day, locale=Locale.parse("es_AR")) == per_key
