"""An update re-delivered to another process sharing PostgreSQL is answered once (U2).

Two chat services with their own Applications and in-memory state stand in for two bot
processes behind one webhook; only the database connects them. Updates that change a
document are recorded in it; updates that change nothing (``/help``, ``/start`` before
consent) are recorded in ``processed_updates`` once their replies were sent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import build_core
from bot.catalog.catalog import Catalog
from bot.clock import FakeClock
from bot.privacy import UserHasher
from tests.conftest import TEST_KEY, Wired, wire_up
from tests.support import postgres as pg
from tests.support.updates import message_update

pytestmark = pytest.mark.skipif(pg.database_url() is None, reason=pg.SKIP_REASON)

USER = 5151
SEND_METHODS = ("sendMessage", "editMessageText")


_drop_schemas = pg.drop_schemas_when_done("module")


@pytest.fixture
async def two(catalog: Catalog, clock: FakeClock) -> AsyncIterator[tuple[Wired, Wired]]:
    """Two 'processes' over one fresh PostgreSQL schema."""
    url = pg.database_url()
    assert url is not None
    schema = pg.new_schema()
    made: list[Wired] = []
    for _ in range(2):
        storage = await pg.open_fresh(url, schema)
        process = wire_up(build_core(catalog, storage, clock, UserHasher(TEST_KEY)))
        await process.app.initialize()
        made.append(process)
    yield made[0], made[1]
    for w in made:
        await w.app.shutdown()
        await w.core.storage.close()


def sends(w: Wired) -> int:
    """How many messages this process sent or edited."""
    return sum(1 for c in w.wire.calls if c.method in SEND_METHODS)


@pytest.mark.parametrize(
    ("command", "update_id"),
    [("/help", 990001), ("/start", 990002)],
    ids=["read-only", "start-before-consent"],
)
async def test_an_update_answered_by_one_process_is_not_answered_by_another(
    two: tuple[Wired, Wired], command: str, update_id: int
) -> None:
    """/help, or /start from someone without a document, posted to process A and then
    re-posted to process B gets one reply in all."""
    a, b = two
    update = message_update(a.app.bot, USER, command, update_id=update_id)  # type: ignore[arg-type]
    await a.app.process_update(update)
    await b.app.process_update(update)
    assert (sends(a), sends(b)) == (1, 0)


async def test_a_read_only_update_whose_reply_failed_is_answered_by_the_next_process(
    two: tuple[Wired, Wired],
) -> None:
    """When A could not send its reply, the update is not recorded and B answers it."""
    a, b = two
    a.wire.fail_methods["sendMessage"] = (502, "Bad Gateway")
    update = message_update(a.app.bot, USER, "/help", update_id=990003)  # type: ignore[arg-type]
    await a.app.process_update(update)
    await b.app.process_update(update)
    assert sends(b) == 1


async def test_different_updates_are_each_answered(two: tuple[Wired, Wired]) -> None:
    """Recording answered updates never silences a new one."""
    a, b = two
    await a.app.process_update(message_update(a.app.bot, USER, "/help", update_id=990004))  # type: ignore[arg-type]
    await b.app.process_update(message_update(b.app.bot, USER, "/help", update_id=990005))  # type: ignore[arg-type]
    assert (sends(a), sends(b)) == (1, 1)
