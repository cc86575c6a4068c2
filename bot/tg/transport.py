"""PTB's HTTP transport, minus the keyboards Telegram echoes back that the bot never reads.

Telegram answers every sent or edited message with the whole message, its inline keyboard
included, and a button tap arrives with the message it was pressed on, keyboard included.
PTB turns each of those keyboards into objects (one per button, every attribute set through
its checked ``__setattr__``): with a question's ten or so buttons that was about a fifth of
the bot's CPU time per tap in the end-to-end benchmark, for keyboards the bot itself sent and
never reads back (it reads a message's id, and a tap's callback data). They are dropped from
the parsed answer before PTB builds its objects, through PTB's documented hook for parsing
answers; nothing else in an answer changes.

Its connections also answer httpcore's idle check from their own socket (``bot.tg.idle_check``).
"""

from __future__ import annotations

from typing import Any

import httpx
from telegram.request import BaseRequest, HTTPXRequest

from bot.tg import idle_check

MARKUP = "reply_markup"


def drop_echoed_keyboards(answer: Any) -> None:
    """Remove, in place, the keyboard of a message in ``answer``'s result: the message sent or
    edited (a Message), or each tapped message in a list of updates (getUpdates)."""
    if not isinstance(answer, dict):
        return
    result = answer.get("result")
    if isinstance(result, dict) and "message_id" in result:
        result.pop(MARKUP, None)
    elif isinstance(result, list):
        for update in result:
            query = update.get("callback_query") if isinstance(update, dict) else None
            message = query.get("message") if isinstance(query, dict) else None
            if isinstance(message, dict):
                message.pop(MARKUP, None)


class TelegramTransport(HTTPXRequest):
    """``HTTPXRequest`` whose parsed answers carry no echoed inline keyboards, over connections
    with a direct idle check."""

    def _build_client(self) -> httpx.AsyncClient:
        # PTB builds the client here, at construction and again after a shutdown.
        client = super()._build_client()
        idle_check.install(client)
        return client

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """PTB's parsing, then ``drop_echoed_keyboards``."""
        answer = BaseRequest.parse_json_payload(payload)
        drop_echoed_keyboards(answer)
        return answer
