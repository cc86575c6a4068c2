"""Choose and open the storage engine a deployment is configured for.

TinyDB in ``settings.bot_data_dir`` is the default: one process, one disk, no server. With
``BOT_DATABASE_URL`` set (a libpq URL such as ``postgresql://bot:PASSWORD@db:5432/bot``) the
PostgreSQL engine is used instead, which is what several bot processes share.

With PostgreSQL and more than one process, every process must use the same ``BOT_HASH_KEY``:
storage keys are HMACs of Telegram ids, and a key generated per data directory would give
each process different keys for the same person.
"""

from __future__ import annotations

from bot.config import Settings
from bot.extras import need
from bot.storage.base import DocValidator, Storage

DATABASE_URL_ENV = "BOT_DATABASE_URL"


def database_url(settings: Settings) -> str | None:
    """The configured PostgreSQL URL, or None for the embedded engine."""
    url = settings.bot_database_url
    return url.get_secret_value() if url is not None else None


async def open_storage(settings: Settings, *, validate: DocValidator | None = None) -> Storage:
    """Open the configured engine; StorageError (or a subclass) when it cannot be used.

    ``validate`` is applied to the user documents the engine's start-up check reads, so a
    store that parses but does not match the schema refuses to start (RELIABILITY D3);
    ``BOT_STORAGE_CHECK=full`` reads every state and history record (after a restore).
    """
    url = database_url(settings)
    if url is not None:
        with need("postgres", "BOT_DATABASE_URL (the PostgreSQL engine)"):
            from bot.storage.postgres import PostgresStorage, pool_bounds

        min_size, max_size = pool_bounds(settings.bot_concurrency)
        return await PostgresStorage.open(
            url,
            min_size=min_size,
            max_size=max_size,
            validate=validate,
            check=settings.bot_storage_check,
        )
    from bot.storage.tinydb_store import TinyDBStorage

    return await TinyDBStorage.open(
        settings.bot_data_dir, validate=validate, check=settings.bot_storage_check
    )
