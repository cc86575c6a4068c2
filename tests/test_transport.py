"""Specification of the bot's HTTP transport (bot/tg/transport.py): answers reach PTB without
the inline keyboards Telegram echoes back, and otherwise as Telegram sent them."""

from __future__ import annotations

import json
from typing import Any

from telegram import Message, Update

from bot.app import telegram_request

KEYBOARD = {"inline_keyboard": [[{"text": "Clear", "callback_data": "ck:5f2a:a:colour:clear"}]]}
MESSAGE: dict[str, Any] = {
    "message_id": 7,
    "date": 1_700_000_000,
    "chat": {"id": 42, "type": "private"},
    "text": "Question 2 of 9",
    "reply_markup": KEYBOARD,
}


def _parsed(result: object) -> Any:
    payload = json.dumps({"ok": True, "result": result}).encode()
    return telegram_request(1).parse_json_payload(payload)


def test_a_sent_message_comes_back_without_its_keyboard() -> None:
    """The message Telegram returns for a send or an edit is read without its inline keyboard."""
    message = Message.de_json(_parsed(MESSAGE)["result"], None)
    assert message is not None
    assert message.reply_markup is None


def test_a_sent_message_keeps_everything_but_its_keyboard() -> None:
    """Apart from the keyboard, the returned message is the one Telegram sent."""
    expected = {key: value for key, value in MESSAGE.items() if key != "reply_markup"}
    assert _parsed(MESSAGE)["result"] == expected


def test_a_tap_arrives_without_the_keyboard_of_its_message() -> None:
    """An update for a button tap keeps its callback data and message id, not the keyboard."""
    update = {
        "update_id": 100,
        "callback_query": {
            "id": "q1",
            "from": {"id": 42, "is_bot": False, "first_name": "A"},
            "chat_instance": "c",
            "data": "ck:5f2a:a:colour:clear",
            "message": MESSAGE,
        },
    }
    parsed = Update.de_json(_parsed([update])["result"][0], None)
    assert parsed is not None and parsed.callback_query is not None
    assert parsed.callback_query.data == "ck:5f2a:a:colour:clear"
    tapped = parsed.callback_query.message
    assert isinstance(tapped, Message)
    assert tapped.message_id == 7
    assert tapped.reply_markup is None


def test_answers_that_are_not_messages_pass_unchanged() -> None:
    """A True, a user or an error answer is parsed as PTB parses it."""
    assert _parsed(True)["result"] is True
    user = {"id": 1, "is_bot": True, "first_name": "Bot"}
    assert _parsed(user)["result"] == user
    error = {"ok": False, "error_code": 400, "description": "Bad Request: message is not modified"}
    assert telegram_request(1).parse_json_payload(json.dumps(error).encode()) == error
