"""Turn any Telegram ``Update`` into an adapter-neutral ``Incoming`` (or None to ignore it).

Every update shape is tolerated: stickers, photos, voice, documents and anything unknown
become ``kind="other"`` (with any caption as their text, for the safety screen) and get a polite
text-only reply; an edited message is passed on marked ``edited``; callback data of any length
or content is passed on as a string and validated by the services.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.constants import ChatType

from bot.services.events import Incoming

MAX_COMMAND = 32


def to_incoming(update: Update) -> Incoming | None:
    """The Incoming for this update, or None when there is nothing to answer."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    base = Incoming(
        user_id=user.id,
        chat_id=chat.id,
        kind="other",
        update_id=update.update_id,
        language_code=user.language_code,
        private=chat.type == ChatType.PRIVATE,
    )
    query = update.callback_query
    if query is not None:
        data = query.data if isinstance(query.data, str) else ""
        message_id = query.message.message_id if query.message is not None else None
        return replace(base, kind="button", data=data[:256], message_id=message_id)
    message = update.message
    edited = False
    if message is None and update.edited_message is not None:
        # An edit is read by the safety screen only: a red flag typed into an edit counts.
        message, edited = update.edited_message, True
    if message is None:
        return None
    if message.location is not None and not edited:
        return replace(
            base,
            kind="location",
            latitude=message.location.latitude,
            longitude=message.location.longitude,
        )
    text = message.text
    if text is None:
        # A photo, document or video may carry a caption: the safety screen reads it.
        return replace(base, text=message.caption or "", edited=edited)
    if text.startswith("/") and not edited:
        word = text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()
        if word and len(word) <= MAX_COMMAND:
            return replace(base, kind="command", command=word)
    return replace(base, kind="text", text=text, edited=edited)
