"""Wiring: build the services and the PTB Application from settings and injected parts.

Tests, the console chat and the real bot all build through here, passing their own storage,
clock and request, so they exercise the same code.
"""

from __future__ import annotations

import functools
import ssl
from dataclasses import dataclass

import httpx
from telegram import Bot
from telegram.ext import Application, ApplicationBuilder
from telegram.request import BaseRequest

from bot.catalog.catalog import Catalog
from bot.clock import Clock
from bot.config import TELEGRAM_FILE_API, Settings
from bot.privacy import UserHasher
from bot.services.chat import ChatService
from bot.services.deps import Deps
from bot.services.flood import FloodGate
from bot.storage.base import Storage
from bot.tg.handlers import install
from bot.tg.rate_limiter import SafetyFirstRateLimiter
from bot.tg.replies import DEFAULTS
from bot.tg.transport import TelegramTransport

PLACEHOLDER_TOKEN = "0:no-token-console-or-test"  # noqa: S105 - not a secret: never valid


@dataclass
class Core:
    """The adapter-neutral part: catalog, storage, services."""

    catalog: Catalog
    storage: Storage
    deps: Deps
    service: ChatService


def build_core(
    catalog: Catalog,
    storage: Storage,
    clock: Clock,
    hasher: UserHasher,
    *,
    store_content_gaps: bool = True,
    flood: FloodGate | None = None,
) -> Core:
    """The services over the given collaborators."""
    deps = Deps(
        catalog=catalog,
        storage=storage,
        clock=clock,
        hasher=hasher,
        store_content_gaps=store_content_gaps,
    )
    return Core(catalog=catalog, storage=storage, deps=deps, service=ChatService(deps, flood=flood))


def api_endpoints(settings: Settings) -> tuple[str, str, str]:
    """The token (a never-valid placeholder when none), API base URL and file base URL."""
    secret = settings.telegram_bot_token
    token = secret.get_secret_value() if secret else PLACEHOLDER_TOKEN
    base = settings.telegram_api_base_url.rstrip("/")
    file_base = settings.telegram_api_file_url or (
        TELEGRAM_FILE_API
        if base.endswith("api.telegram.org/bot")
        else base.replace("/bot", "/file/bot")
    )
    return token, base, file_base


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for every HTTP client of the process, made as httpx makes its default
    one: each client would otherwise parse the CA bundle again (about 25 ms of CPU each, six
    clients at start-up)."""
    return httpx.create_ssl_context()


# The handlers' calls to the Bot API: the rate limiter lets about 30 through a second and
# the poller works on at most ``BOT_POLL_LIMIT`` (10) updates at once, each making its calls
# one after another: eight kept-alive connections carry 30 calls a second while a call takes
# up to 260 ms (Telegram's latency from far regions); four would queue calls once it passes
# 130 ms. PTB's 256 let a batch open one connection per update, and httpcore checks every
# idle one before and after each request.
API_CONNECTIONS = 8
# A call waits this long for a free connection (PTB's default: 1 s) before failing with
# TimedOut: a full batch queued behind these connections at normal latency never comes close;
# only a stalled API does, and each call in flight gives up after its 5 s read timeout.
API_POOL_TIMEOUT = 10.0


def telegram_request(connections: int, pool_timeout: float = 1.0) -> TelegramTransport:
    """PTB's HTTP transport (without the keyboards Telegram echoes back) with ``connections``
    connections, waiting ``pool_timeout`` seconds for a free one, and the shared TLS context."""
    return TelegramTransport(
        connection_pool_size=connections,
        pool_timeout=pool_timeout,
        httpx_kwargs={"verify": tls_context()},
    )


def reminder_bot(settings: Settings, connections: int = 80) -> Bot:
    """A plain Bot for reminders: the sender paces itself per chat and overall, so it must
    not share the handlers' rate limiter, which stalls every send on any 429."""
    token, base, file_base = api_endpoints(settings)
    return Bot(
        token,
        base_url=base,
        base_file_url=file_base,
        request=telegram_request(connections),
        get_updates_request=telegram_request(1),  # never polls, but PTB builds one anyway
    )


def build_application(
    settings: Settings,
    core: Core,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> Application:  # type: ignore[type-arg]
    """The PTB Application with our handlers; no Updater (we poll commit-after-process).

    Not ``concurrent_updates``: it only governs ``Application.start()``'s update loop, which
    is not used; our poller and webhook call ``process_update`` concurrently themselves.
    """
    token, base, file_base = api_endpoints(settings)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base)
        .base_file_url(file_base)
        .updater(None)
        .defaults(DEFAULTS)
    )
    if rate_limit:
        builder = builder.rate_limiter(SafetyFirstRateLimiter(max_retries=3))  # type: ignore[arg-type]
    # A few kept-alive connections for calls (API_CONNECTIONS), PTB's 1 for getUpdates.
    builder = builder.request(request or telegram_request(API_CONNECTIONS, API_POOL_TIMEOUT))
    builder = builder.get_updates_request(get_updates_request or telegram_request(1))
    app = builder.build()
    install(app, core.service)
    return app
