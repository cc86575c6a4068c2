"""The FAQ index as a file in the install's directory: a start need not build it again.

Building the index (every example of every locale analysed: stems, the spelling index, the
TF-IDF postings) costs about 0.5 s of CPU and, in the running bot, about 19 MB of resident
memory for an index of about 7 MB: the analyses and posting lists it is made from are freed,
but the heap they took stays with the process. The index is the same for the same content,
code and libraries, so it is written once to ``faq-index.pickle`` in the install's directory
(``bot.install_files``), by a clean ``python -m bot content check`` or by the first start,
under the digest the start-up checks stamp (``check_stamp.content_digest``: every content
file, every source file of the bot, the Python version and every installed library). A start
whose digest is the file's reads it (under 0.1 s, about 7 MB); any other digest, or a file
that is damaged or cannot be read, means building as before and writing the file again where
the directory is writable. What is read is the built index object for object (pickle keeps
every float and byte as it was), so the answers do not change.

The file is trusted as the install's other files are (Jinja's compiled templates, the
encoder's arrays): only the bot writes it, into a directory no more writable than its code.
Its header holds the digest and the SHA-256 of the pickle, checked before it is unpickled.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path

from bot.domain.faq import LexicalMatcher, Matcher
from bot.install_files import install_dir
from bot.storage.atomic import atomic_replace

log = logging.getLogger(__name__)
INDEX_FILE = "faq-index.pickle"
#: Raised when what is written changes.
FORMAT = b"faq-index 1"


def index_path() -> Path:
    """Where the FAQ index is (or is to be) kept."""
    return install_dir() / INDEX_FILE


def _header(key: str, payload: bytes) -> bytes:
    return b"%s %s %s\n" % (
        FORMAT,
        key.encode("ascii"),
        hashlib.sha256(payload).hexdigest().encode(),
    )


def read(key: str, path: Path | None = None) -> LexicalMatcher | None:
    """The index written under ``key``; None when there is none, or another, or it is damaged."""
    path = path or index_path()
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, payload = data.partition(b"\n")
    if header + b"\n" != _header(key, payload):
        return None
    try:
        matcher = pickle.loads(payload)  # noqa: S301 - the install's own file, checked above
    except Exception:  # a file this code cannot read is rebuilt, whatever the reason
        return None
    return matcher if isinstance(matcher, LexicalMatcher) else None


def write(matcher: Matcher, key: str, path: Path | None = None) -> bool:
    """Write ``matcher`` under ``key``; False when the directory cannot be written."""
    path = path or index_path()
    payload = pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_replace(path, _header(key, payload) + payload, mode=0o644)
    except OSError as exc:
        log.info("faq_index_not_written", extra={"error": type(exc).__name__})
        return False
    return True
