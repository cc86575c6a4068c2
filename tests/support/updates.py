"""Builders of real ``telegram.Update`` objects (text, command, button, sticker) for tests."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Update

_ids = itertools.count(1)


def _user(user_id: int, language_code: str | None = "en") -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Test"}
    if language_code:
        user["language_code"] = language_code
    return user


def message_update(
    bot: Bot,
    user_id: int,
    text: str | None = None,
    *,
    update_id: int | None = None,
    extra: dict[str, Any] | None = None,
    language_code: str | None = "en",
    chat_type: str = "private",
) -> Update:
    """A message from ``user_id`` in their private chat (text, command or other content)."""
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": chat_type},
        "from": _user(user_id, language_code),
    }
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    message.update(extra or {})
    data = {"update_id": update_id if update_id is not None else next(_ids), "message": message}
    return Update.de_json(data, bot)


def callback_update(
    bot: Bot,
    user_id: int,
    data: str,
    *,
    message_id: int = 50,
    update_id: int | None = None,
    language_code: str | None = "en",
) -> Update:
    """A button press by ``user_id`` on a bot message in their private chat."""
    payload = {
        "update_id": update_id if update_id is not None else next(_ids),
        "callback_query": {
            "id": str(next(_ids)),
            "from": _user(user_id, language_code),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": 999000, "is_bot": True, "first_name": "Checkin"},
                "text": "question",
            },
        },
    }
    return Update.de_json(payload, bot)
