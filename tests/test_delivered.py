"""After the replies went out: the sent mark and a new step keyboard's message id are kept
together (``ChatService.delivered``), and still kept when the state changed meanwhile."""

from __future__ import annotations

import json

from bot.services.events import Incoming, Outcome
from bot.storage.base import JsonText
from tests.conftest import Wired
from tests.test_handlers_continue import checkin_at_colour, stored_state
from tests.test_handlers_flow import USER

UPDATE_ID = 990_001


async def without_step_id(w: Wired) -> tuple[str, str]:
    """The running check-in's step with its message id forgotten, saved; (session, key)."""
    await checkin_at_colour(w)
    key = w.core.deps.hasher.user_key(USER)
    doc = await w.core.storage.load_user(key)
    assert doc is not None
    doc["state"]["message_id"] = None
    await w.core.storage.save_user(key, doc)
    return str(doc["state"]["session"]), key


def delivery(session: str, saved: JsonText | None) -> tuple[Incoming, Outcome]:
    """A delivered update that showed ``session``'s step anew, its state saved as ``saved``."""
    incoming = Incoming(user_id=USER, chat_id=USER, kind="text", update_id=UPDATE_ID)
    return incoming, Outcome(confirm=True, shown=session, saved=saved)


async def test_the_step_id_is_kept_with_the_sent_mark(wired: Wired) -> None:
    """Delivered against the state as saved: the step's id is stored and the update marked."""
    session, key = await without_step_id(wired)
    saved = await wired.core.storage.load_user(key)
    incoming, outcome = delivery(session, JsonText(json.dumps(saved)))
    await wired.core.service.delivered(incoming, outcome, 4242)
    assert (await stored_state(wired))["message_id"] == 4242
    assert await wired.core.storage.was_sent(UPDATE_ID)


async def test_the_step_id_is_kept_when_the_state_changed_since_the_save(wired: Wired) -> None:
    """Delivered against a state that is no longer the stored one: the id is kept all the
    same (by loading the state again), and the update marked."""
    session, key = await without_step_id(wired)
    earlier = await wired.core.storage.load_user(key)
    assert earlier is not None
    earlier["processed_updates"] = [*earlier["processed_updates"], 1]
    stale = JsonText(json.dumps(earlier))
    incoming, outcome = delivery(session, stale)
    await wired.core.service.delivered(incoming, outcome, 4243)
    assert (await stored_state(wired))["message_id"] == 4243
    assert await wired.core.storage.was_sent(UPDATE_ID)
