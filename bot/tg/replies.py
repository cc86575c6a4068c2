"""Send an ``Outcome`` through the Bot API: answer the button, edit in place or send anew.

Failures of one send are logged by type only (never the text). Each reply counts as one
send in the process's health signals (``bot.health.current()``), and a failed one as a send
error labelled with the exception class only; the exception then propagates as before.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import Defaults, ExtBot

from bot.health import current
from bot.services.events import Button, Outcome, Reply
from bot.tg.rate_limiter import SAFETY_FIRST

log = logging.getLogger("bot.tg.replies")
# Distinct keyboards kept built: every step's for each locale and stage, with room to spare.
# A check-in's keyboards are not kept (their buttons carry the session id: one person's, shown
# once); kept, they filled these caches with dead keyboards of about 9 KB each.
KEYBOARDS_KEPT = 1024
# Distinct buttons kept built, for the kept keyboards.
BUTTONS_KEPT = 4096
# Every reply is an HTML template without link previews: set once for the Application.
DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
)


class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that keeps its wire form: PTB would otherwise rebuild the nested dict
    (``to_dict``) on every send, and a check-in step sends the same keyboard to everyone.

    The wire form is written from the buttons directly, as PTB's ``to_dict`` would give it
    (keys in its order): a check-in's buttons carry the session id, so most keyboards are
    new ones, and PTB's generic ``to_dict`` cost more than the rest of building them.
    """

    __slots__ = ("_wire",)
    _wire: str

    def __init__(
        self,
        rows: tuple[tuple[Button, ...], ...],
        button: Callable[[str, str], InlineKeyboardButton],
    ) -> None:
        super().__init__([[button(b.label, b.data) for b in row] for row in rows])
        wire = {
            "inline_keyboard": [
                [{"callback_data": b.data, "text": b.label} for b in row] for row in rows
            ]
        }
        # The object is frozen by now (PTB); the slot is ours and set once.
        object.__setattr__(self, "_wire", json.dumps(wire))

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        """The same dict PTB's ``to_dict`` gives, a fresh copy each time."""
        if not recursive:
            return super().to_dict(recursive)
        wire: dict[str, Any] = json.loads(self._wire)
        return wire


def _new_button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


# PTB's objects are immutable: one button may sit in any number of keyboards.
_button = functools.lru_cache(maxsize=BUTTONS_KEPT)(_new_button)


@functools.lru_cache(maxsize=KEYBOARDS_KEPT)
def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> Keyboard:
    return Keyboard(rows, _button)


def markup(buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """An inline keyboard, or None for no buttons; the same buttons give the same (immutable)
    keyboard, built once, except a keyboard of one check-in session (``Button.one_session``),
    built each time and not kept."""
    if not buttons:
        return None
    rows = tuple(tuple(row) for row in buttons)
    if any(b.one_session for row in rows for b in row):
        return Keyboard(rows, _new_button)
    return _keyboard(rows)


async def answer_button(bot: Bot, callback_query_id: str, text: str | None = None) -> bool:
    """Answer a button press (stops its spinner); True when Telegram took the answer."""
    try:
        await bot.answer_callback_query(callback_query_id, text=text)
    except TelegramError as exc:
        log.warning("answer_callback_failed", extra={"error": type(exc).__name__})
        return False
    return True


async def show_action(bot: Bot, chat_id: int, action: str) -> None:
    """Show a chat action ("sending a photo…") while a reply is being made; best effort."""
    try:
        await bot.send_chat_action(chat_id, action)
    except TelegramError as exc:
        log.info("chat_action_failed", extra={"error": type(exc).__name__})


async def deliver(
    bot: Bot,
    chat_id: int,
    outcome: Outcome,
    *,
    callback_query_id: str | None = None,
    source_message_id: int | None = None,
) -> list[Message | None]:
    """Perform every reply of ``outcome`` in order; returns, for each reply, the message sent
    or edited (None for a closed keyboard or an edit that changed nothing)."""
    sent: list[Message | None] = []
    if callback_query_id is not None:
        await answer_button(bot, callback_query_id, outcome.toast)
    health = current()
    limit = _limit_args(bot, outcome)
    for reply in outcome.replies:
        try:
            message = await _one(bot, chat_id, reply, source_message_id, limit)
        except Exception as exc:
            health.record_send("reply", exc)
            raise
        health.record_send("reply")
        sent.append(message)
    return sent


def _limit_args(bot: Bot, outcome: Outcome) -> dict[str, Any]:
    """The calls' ``rate_limit_args``: a red flag's or a crisis reply skips the rate limiter's
    queue (``SAFETY_FIRST``); a bot without a limiter takes none."""
    if outcome.safety_first and isinstance(bot, ExtBot) and bot.rate_limiter is not None:
        return {"rate_limit_args": SAFETY_FIRST}
    return {}


async def _one(
    bot: Bot, chat_id: int, reply: Reply, source_message_id: int | None, limit: dict[str, Any]
) -> Message | None:
    keyboard = markup(reply.buttons)
    if reply.close is not None:
        try:
            await bot.edit_message_reply_markup(
                chat_id, reply.close, reply_markup=keyboard, **limit
            )
        except BadRequest as exc:
            # Already without buttons, deleted, or too old to edit: nothing looks live.
            log.info("close_keyboard_failed", extra={"error": type(exc).__name__})
        return None
    if reply.document is not None:
        doc = reply.document
        if reply.text:
            await bot.send_message(chat_id, reply.text, **limit)
        return await bot.send_document(
            chat_id,
            InputFile(doc.content, filename=doc.filename),
            caption=doc.caption or None,
            reply_markup=keyboard,
            **limit,
        )
    if reply.photo is not None:
        return await bot.send_photo(
            chat_id,
            InputFile(reply.photo.content, filename=reply.photo.filename),
            caption=reply.photo.caption or reply.text or None,
            reply_markup=keyboard,
            **limit,
        )
    if reply.edit and source_message_id is not None:
        try:
            edited = await bot.edit_message_text(
                reply.text,
                chat_id=chat_id,
                message_id=source_message_id,
                reply_markup=keyboard,
                **limit,
            )
            return edited if isinstance(edited, Message) else None
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return None
            # The message may be too old to edit: send the reply as a new message instead.
            log.info("edit_fell_back_to_send", extra={"error": type(exc).__name__})
    return await bot.send_message(chat_id, reply.text, reply_markup=keyboard, **limit)
