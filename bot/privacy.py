"""Keyed hashing of Telegram user ids, for storage keys and for logs.

Raw user and chat ids never appear in logs (RELIABILITY P1); a keyed HMAC cannot be reversed
by someone who reads the logs without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from bot.storage.atomic import atomic_write_bytes, ensure_private_dir

if TYPE_CHECKING:
    from bot.config import Settings


class UserHasher:
    """Derives an opaque storage key and a separate log id from a Telegram user id."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("hash key too short")
        self._key = key

    def user_key(self, user_id: int) -> str:
        """The storage key of a user (hex, 32 characters)."""
        return self._digest(b"store", user_id)[:32]

    def log_id(self, user_id: int) -> str:
        """A short id for log lines, unlinkable to the storage key without the secret."""
        return self._digest(b"log", user_id)[:12]

    def log_id_for_key(self, key: str) -> str:
        """A short log id derived from a storage key (when the raw id is not at hand)."""
        return hmac.new(self._key, b"logkey:" + key.encode(), hashlib.sha256).hexdigest()[:12]

    def _digest(self, purpose: bytes, user_id: int) -> str:
        message = purpose + b":" + str(int(user_id)).encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


def hash_key(settings: Settings) -> bytes:
    """The deployment's key: ``BOT_HASH_KEY`` (hex, like the file) or ``data/.hash_key``."""
    if settings.bot_hash_key is not None:
        try:
            return bytes.fromhex(settings.bot_hash_key.get_secret_value().strip())
        except ValueError:
            raise ValueError("BOT_HASH_KEY must be hex (copy it from data/.hash_key)") from None
    return load_or_create_key(settings.bot_data_dir)


def load_or_create_key(data_dir: Path) -> bytes:
    """Read the deployment's hash key from the data directory, creating it (0600) once."""
    path = data_dir / ".hash_key"
    if path.exists():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    ensure_private_dir(data_dir)
    key = secrets.token_bytes(32)
    # Atomic: a crash while creating it must not leave an empty key that blocks every start.
    atomic_write_bytes(path, key.hex().encode("ascii"))
    return key
