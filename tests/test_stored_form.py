"""How a turn hands the user document to storage (serialised once, by the model)."""

from __future__ import annotations

import datetime as dt
import json

from bot.domain.models import KeptReply, Outbox, UserDoc
from bot.services.stored_form import stored_form
from bot.storage.base import JsonText
from bot.storage.memory import MemoryStorage

KEY = "ab" * 16
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def doc_with_reply(text: str) -> UserDoc:
    """A user document whose kept reply holds ``text``."""
    outbox = Outbox(update_id=7, until=NOW, replies=[KeptReply(text=text)])
    return UserDoc(key=KEY, chat_id=1, created_at=NOW, outbox=outbox)


def test_a_document_is_handed_over_as_the_models_json_text() -> None:
    """The stored form is JSON text with the same content as the model's JSON-mode dump."""
    doc = doc_with_reply("Привет 🤰")
    form = stored_form(doc)
    assert isinstance(form, JsonText) and json.loads(form) == doc.model_dump(mode="json")


def test_a_lone_surrogate_falls_back_to_the_dict_form() -> None:
    """Text that is not UTF-8 (a lone surrogate) is handed over as a dict, not dropped."""
    doc = doc_with_reply("a\ud83db")
    assert stored_form(doc) == doc.model_dump(mode="json")


async def test_the_fallback_form_is_stored_and_loads_back_valid() -> None:
    """The dict form of such a document saves, and loads back as the same document."""
    doc = doc_with_reply("a\ud83db")
    storage = MemoryStorage()
    await storage.save_user(KEY, stored_form(doc))
    assert UserDoc.model_validate(await storage.load_user(KEY)) == doc
