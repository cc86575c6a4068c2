"""Babel's global CLDR data kept one key at a time, for the long-running bot (issue 18, memory).

Babel reads its global data (``babel.core.get_global``: likely subtags, territory languages,
currencies, zone aliases, ...) from its ``global.dat`` whole, the first time any key is asked
for, and keeps all of it for the process's life: 2.1 MB of objects (likely subtags 1.0,
territory languages 0.5). Loading a locale's data, as the first date, number or unit shown
does, asks for one key of 11 KB (``parent_exceptions``); the bot's own code asks for a few
more (likely subtags, zone aliases, metazones) on some paths.

``keep_per_key`` gives Babel a mapping in place of that dict which, for a key not asked for
before, has Babel read its file as it always does and keeps only that key's value: the values
are Babel's own, read the same way, and a key is read once (one read of the file, about 15 ms,
for each key the process ever uses). Babel documents the global data's structure as internal;
``tests/test_babel_global.py`` checks every key against Babel's own reading, so an upgrade
that changes it fails there.
"""

from __future__ import annotations

import threading
import types
from typing import Any

import babel.core

_lock = threading.Lock()
#: Babel's module, its private ``_global_data`` reached through ``Any`` (typed as Babel's own
#: whole dict).
_core: Any = babel.core


class _PerKey(dict[str, Any]):
    """What Babel holds as its global data: each key read on its first ``get``."""

    def get(self, key: str, default: Any = None) -> Any:
        """The key's value (read from Babel's file the first time), else ``default``."""
        if not dict.__contains__(self, key):
            _read(self, key)
        return dict.get(self, key, default)


def _read(into: _PerKey, key: str) -> None:
    with _lock:
        if dict.__contains__(into, key):
            return
        # Babel's own get_global run over a copy of its module's globals, with no data read
        # yet: it reads its whole file into the copy. The module's data (this mapping) is never
        # set aside, so another thread inside get_global meanwhile never finds None there.
        scope = {**vars(_core), "_global_data": None}
        types.FunctionType(_core.get_global.__code__, scope)(key)
        whole = scope["_global_data"]
        if whole is not None and key in whole:
            into[key] = whole[key]


def keep_per_key() -> bool:
    """Have Babel keep its global data one key at a time from now on; False when it has read
    it already (then it stays whole) or is kept so already."""
    with _lock:
        if _core._global_data is not None:
            return False
        _core._global_data = _PerKey()
        return True
