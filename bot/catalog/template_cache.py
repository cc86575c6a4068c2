"""Jinja's file cache of compiled templates, one per locale, in the install's directory.

Compiling a template (every string of a locale is one, 600+ per locale) costs about half a
millisecond of CPU; loading its compiled code from Jinja's ``FileSystemBytecodeCache`` a tenth
of that. Jinja keeps the cache correct by itself: each entry carries a checksum of its template's
source and the Jinja and Python versions, and an entry that does not match is compiled again
and replaced, so an edited template is never served stale. Entries are keyed by locale and
template name only (not the file's path): a copy of the content (tests, previews) shares the
entries and the directory holds one per template, however many copies were checked.

A cache that cannot be read or written (a read-only install, a full disk) only means
compiling again, never a failed reply.
"""

from __future__ import annotations

from hashlib import sha1
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from bot.install_files import install_dir

CACHE_DIR = "templates"


class LocaleBytecodeCache(jinja2.FileSystemBytecodeCache):
    """``FileSystemBytecodeCache`` for one locale's templates, keyed by name, fail-safe."""

    def __init__(self, locale: str, directory: Path | None = None) -> None:
        directory = directory or install_dir() / CACHE_DIR
        super().__init__(str(directory), f"{locale}-%s.cache")
        self._directory = directory

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The template's name alone: every copy of the content shares one entry per name."""
        return sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        """Load the entry if there is a readable one (else the template is compiled)."""
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store a newly compiled template; a failure leaves only the cache without it."""
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            return
