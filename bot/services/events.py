"""Adapter-neutral inputs and outputs: what a user did, and what the bot answers.

The Telegram adapter and the console chat both turn their input into ``Incoming`` and
render ``Reply`` objects back, so every behaviour is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.storage.base import JsonDoc, JsonText


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: a command, a text, a button press, or anything else.

    ``text`` is a message's text, or the caption of a photo or document (``kind="other"``).
    """

    user_id: int
    chat_id: int
    kind: Literal["command", "text", "button", "other", "location"]
    update_id: int | None = None
    language_code: str | None = None
    command: str = ""
    text: str = ""
    data: str = ""
    message_id: int | None = None  # the message whose button was pressed
    latitude: float | None = None
    longitude: float | None = None
    private: bool = True
    edited: bool = False  # an edited message: only the safety screen reads it


@dataclass(frozen=True)
class Button:
    """An inline button: the label shown and the callback data sent back.

    ``one_session``: the data carries one check-in's session id, so the keyboard it sits in
    is shown to one person and never again; such keyboards are not kept built
    (``bot.tg.replies.markup``). Equal buttons are equal whatever it says."""

    label: str
    data: str
    one_session: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Attachment:
    """A file sent to the user (export, chart, summary)."""

    filename: str
    content: bytes
    caption: str = ""


@dataclass
class Reply:
    """One message to show, or to put in place of the message whose button was pressed."""

    text: str = ""
    buttons: list[list[Button]] = field(default_factory=list)
    edit: bool = False
    document: Attachment | None = None
    photo: Attachment | None = None
    typed_input: bool = False  # the bot waits for a typed answer (a number or a date)
    # An earlier message whose keyboard is taken away (a replaced or finished step), so no
    # old button looks live, or replaced by ``buttons``; a reply with ``close`` shows nothing
    # new.
    close: int | None = None
    numeric: bool = False  # that answer is a number: a bare number is not a button press


@dataclass
class Outcome:
    """Everything the bot does in answer to one Incoming."""

    replies: list[Reply] = field(default_factory=list)
    toast: str | None = None  # short notice on the pressed button (Telegram answerCallbackQuery)
    silent: bool = False  # nothing to send (a re-delivered update, or a dropped flood)
    # The adapter marks the update sent once the replies went out (``ChatService.delivered``),
    # so a copy of it (a re-delivery after a crash, or to another process) is not answered
    # again.
    confirm: bool = False
    # The flow session whose step keyboard the last reply with buttons shows as a new
    # message: the adapter reports that message's id (``ChatService.delivered``), so the step
    # that replaces it can close it.
    shown: str | None = None
    # The user's state as this update's last save wrote it: ``ChatService.delivered`` keeps
    # the step's message id and the sent mark in one write when the state is still this.
    saved: JsonText | JsonDoc | None = None
    # The replies carry a call to action for a red flag or a crisis: the adapter sends them
    # ahead of the queue of other people's replies (bot/tg/rate_limiter.py).
    safety_first: bool = False

    def step_reply(self) -> int | None:
        """The index of the reply that shows the step keyboard sent anew, when ``shown``."""
        if self.shown is None:
            return None
        for index in range(len(self.replies) - 1, -1, -1):
            reply = self.replies[index]
            if reply.buttons and reply.close is None and not reply.edit:
                return index
        return None
