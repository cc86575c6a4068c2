"""Optional parts of the install (``pip install 'mucus-checkin-bot[postgres]'``).

``postgres`` (psycopg, psycopg-pool) is needed only with ``BOT_DATABASE_URL`` and for
``migrate``; ``content`` (textstat) only for ``content readability``. Importing one of their
modules goes through ``need``, which turns a missing package into ``MissingExtraError``: one
line naming the extra and the lock to install, instead of a ModuleNotFoundError traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

EXTRAS = {
    "postgres": ("psycopg", "psycopg_pool"),
    "content": ("textstat",),
}
LOCKS = {"postgres": "deploy/requirements-postgres.lock", "content": "deploy/requirements-dev.lock"}


class MissingExtraError(ImportError):
    """A feature needs an extra that is not installed; the message says how to install it."""


@contextlib.contextmanager
def need(extra: str, purpose: str) -> Iterator[None]:
    """Import the ``extra``'s modules inside this block; a missing one raises MissingExtraError."""
    try:
        yield
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in EXTRAS[extra]:
            raise
        raise MissingExtraError(
            f"{purpose} needs the '{extra}' extra, which is not installed: "
            f"pip install 'mucus-checkin-bot[{extra}]' (pinned: {LOCKS[extra]})"
        ) from None
