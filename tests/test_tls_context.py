"""Specification of the TLS context shared by every HTTP client the bot builds."""

from __future__ import annotations

import ssl
from typing import Any

import pytest

from bot import app as wiring
from bot.app import Core, build_application, reminder_bot
from bot.config import Settings


def test_the_ca_bundle_is_read_once_for_all_clients(
    monkeypatch: pytest.MonkeyPatch, core: Core
) -> None:
    """The application's two clients and two reminder bots make one TLS context between them."""
    made: list[Any] = []
    real = ssl.create_default_context

    def counted(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        made.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counted)
    wiring.tls_context.cache_clear()
    settings = Settings(telegram_bot_token=None, _env_file=None)  # type: ignore[call-arg]
    build_application(settings, core)
    reminder_bot(settings)
    reminder_bot(settings, connections=1)
    assert len(made) == 1
