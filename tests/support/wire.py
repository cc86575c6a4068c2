"""A fake Bot API at the wire: a PTB ``BaseRequest`` that records calls and answers them.

Handler tests drive the real ``Application`` with ``process_update``; every Bot API call the
bot makes ends here, so tests assert on what would have gone over HTTP.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 999000,
    "is_bot": True,
    "first_name": "Checkin",
    "username": "checkin_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]


def inline_buttons(markup: object) -> list[dict[str, Any]]:
    """The inline keyboard buttons of a ``reply_markup`` parameter (JSON text or a dict),
    row after row."""
    parsed = json.loads(markup) if isinstance(markup, str) else markup
    rows = parsed.get("inline_keyboard", []) if isinstance(parsed, dict) else []
    return [button for row in rows for button in row]


@dataclass
class FakeRequest(BaseRequest):
    """Answers Bot API methods with plausible results and records every call."""

    calls: list[Call] = field(default_factory=list)
    files: list[tuple[str, str, bytes]] = field(default_factory=list)  # (method, name, bytes)
    fail_methods: dict[str, tuple[int, str]] = field(default_factory=dict)
    _next_message_id: int = 100

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        self.calls.append(Call(api_method, params))
        if request_data is not None:
            for name, content, *_ in request_data.multipart_data.values():
                data = content if isinstance(content, bytes) else content.read()
                self.files.append((api_method, str(name), data))
        if api_method in self.fail_methods:
            status, description = self.fail_methods[api_method]
            body = {"ok": False, "error_code": status, "description": description}
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto"):
            if method == "editMessageText":
                message_id = int(params.get("message_id", 0))
            else:
                self._next_message_id += 1
                message_id = self._next_message_id
            chat_id = int(params.get("chat_id", 0))
            message: dict[str, Any] = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
            }
            if "text" in params:
                message["text"] = params["text"]
            if method == "sendDocument":
                message["document"] = {"file_id": "f1", "file_unique_id": "u1"}
            if method == "sendPhoto":
                message["photo"] = [
                    {"file_id": "p1", "file_unique_id": "q1", "width": 1, "height": 1}
                ]
            if "reply_markup" in params:
                markup = params["reply_markup"]
                message["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
            return message
        if method == "getUpdates":
            return []
        return True

    # -- helpers for assertions ---------------------------------------------------------------
    def sent(self, method: str | None = None) -> list[Call]:
        """Calls of ``method`` (all message-producing calls when None)."""
        wanted = (
            {method} if method else {"sendMessage", "editMessageText", "sendDocument", "sendPhoto"}
        )
        return [c for c in self.calls if c.method in wanted]

    def texts(self) -> list[str]:
        """The text of every message sent or edited, in order."""
        return [str(c.params.get("text", c.params.get("caption", ""))) for c in self.sent()]

    def last_buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of the last message that had an inline keyboard."""
        for call in reversed(self.sent()):
            markup = call.params.get("reply_markup")
            if markup:
                return [(b["text"], b["callback_data"]) for b in inline_buttons(markup)]
        return []

    def clear(self) -> None:
        """Forget recorded calls."""
        self.calls.clear()
