"""The chat service: one entry point, ``handle(Incoming) -> Outcome``, used by every adapter.

It loads the user's document under the user's lock, drops re-delivered updates (idempotency
by ``update_id``, recorded in the same write as the effects; ids handled by this process are
also remembered in memory, which covers people without a stored document, such as a webhook
post of ``/start`` arriving twice), routes the input, and writes the document once at the
end. Routing order matters: the safety screen runs on all free text before any flow gets it,
and commands always work, even in the middle of a flow.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from pydantic import ValidationError

from bot.domain.models import UserDoc
from bot.services import account, checkin, freetext, onboarding, reminder_settings
from bot.services.deps import Deps
from bot.services.events import Button, Incoming, Outcome, Reply
from bot.services.flood import FloodGate
from bot.services.turn import Turn, kept_replies
from bot.storage.base import StorageError

log = logging.getLogger("bot.chat")

MAX_TEXT = 4096
# Update ids handled by this process; Telegram re-delivers within minutes, so a few
# thousand cover every retry while costing well under a megabyte.
RECENT_UPDATES_KEPT = 10_000
# With a store shared by processes, a re-delivered update whose replies are still in the
# outbox waits, rechecking this often, until the outbox's lease ends: the process that
# stored them may still be sending them.
OUTBOX_RECHECK_SECONDS = 0.25
COMMANDS = (
    "start",
    "checkin",
    "history",
    "summary",
    "topics",
    "reminders",
    "export",
    "delete",
    "privacy",
    "language",
    "profile",
    "help",
    "cancel",
)


class ChatService:
    """Handles one user input at a time per user; different users run concurrently."""

    def __init__(self, deps: Deps, flood: FloodGate | None = None) -> None:
        self.deps = deps
        self.flood = flood or FloodGate()
        self._recent: OrderedDict[int, None] = OrderedDict()

    async def handle(self, incoming: Incoming) -> Outcome:
        """Decide and store what one input does; never raises for bad input."""
        deps = self.deps
        key = deps.hasher.user_key(incoming.user_id)
        log_id = deps.hasher.log_id(incoming.user_id)
        gate = self.flood.check(incoming.user_id, deps.clock.now().timestamp())
        if gate != "ok":
            log.warning("flood_dropped", extra={"user": log_id})
            if gate == "drop":
                return Outcome(silent=True)
            locale = deps.catalog.locale_for(incoming.language_code)
            return Outcome([Reply(deps.catalog.t(locale, "free_text.slow_down"))])
        while True:
            result = await self._attempt(incoming, key, log_id)
            if isinstance(result, Outcome):
                return result
            # Another process stored this update and may still be sending its replies.
            await deps.clock.sleep(result)

    async def _attempt(self, incoming: Incoming, key: str, log_id: str) -> Outcome | float:
        """Handle ``incoming`` under the user's lock, or say how long to wait before retrying."""
        deps = self.deps
        async with deps.storage.user_lock(key):
            try:
                raw = await deps.storage.load_user(key)
                doc = UserDoc.model_validate(raw) if raw is not None else None
            except (StorageError, ValidationError) as exc:
                log.error("load_failed", extra={"user": log_id, "error": type(exc).__name__})
                locale = deps.catalog.locale_for(incoming.language_code)
                return Outcome([Reply(deps.catalog.t(locale, "errors.generic"))])
            update_id = incoming.update_id
            if update_id is not None and update_id in self._recent:
                # Handled by this process, which is alive: its replies went or are going out.
                return _duplicate(log_id)
            if update_id is not None:
                try:
                    sent_before = await deps.storage.was_sent(update_id)
                except StorageError as exc:
                    log.warning("sent_check_failed", extra={"error": type(exc).__name__})
                    sent_before = False
                if sent_before:
                    # Its replies went out before (this process before a restart, or another).
                    return _duplicate(log_id)
            if update_id is not None and doc is not None and doc.seen_update(update_id):
                outbox = doc.outbox
                if outbox is not None and outbox.update_id == update_id:
                    left = (outbox.until - deps.clock.now()).total_seconds()
                    # Only a store shared by processes can have another one still sending;
                    # a single instance (the data-directory lock) finding them means a crash.
                    if deps.storage.shared and left > 0:
                        return min(left, OUTBOX_RECHECK_SECONDS)
                    log.info("duplicate_update", extra={"user": log_id})
                    log.info("kept_replies_resent", extra={"user": log_id})
                    # Marked before, not after: replies are re-sent at most once (R6), even
                    # if the process dies again while re-sending them.
                    await self.sent(incoming)
                    return Outcome(kept_replies(outbox))
                return _duplicate(log_id)
            locale = doc.locale if doc else deps.catalog.locale_for(incoming.language_code)
            if locale not in deps.catalog.locales:
                locale = deps.catalog.default_locale
            turn = Turn(
                deps=deps,
                incoming=incoming,
                key=key,
                log_id=log_id,
                now=deps.clock.now(),
                doc=doc,
                locale=locale,
            )
            await self._route(turn)
            if turn.dirty and not turn.deleted and not await turn.commit():
                turn.replies = [Reply(turn.t("errors.not_saved"))]
            self._remember(update_id)
            # Marked once sent: replies kept in the document, or an update that wrote nothing.
            # A failed save is not marked, so a re-delivery tries it again.
            confirm = update_id is not None and (turn.kept or not turn.wrote)
            return Outcome(turn.replies, turn.toast, confirm=confirm)

    async def sent(self, incoming: Incoming) -> None:
        """The replies to ``incoming`` went out: mark its update sent. Adapters call it after
        delivering an outcome with ``confirm``.

        A failure here only means a copy of the same update is answered once more.
        """
        if incoming.update_id is None:
            return
        try:
            await self.deps.storage.mark_sent(incoming.update_id)
        except StorageError as exc:
            log.warning(
                "sent_mark_failed",
                extra={
                    "user": self.deps.hasher.log_id(incoming.user_id),
                    "error": type(exc).__name__,
                },
            )

    def _remember(self, update_id: int | None) -> None:
        if update_id is None:
            return
        self._recent[update_id] = None
        while len(self._recent) > RECENT_UPDATES_KEPT:
            self._recent.popitem(last=False)

    async def _route(self, turn: Turn) -> None:
        incoming = turn.incoming
        if incoming.kind == "command":
            await self._command(turn, incoming.command)
        elif incoming.kind == "button":
            await self._button(turn, incoming.data)
        elif incoming.kind == "text":
            await self._text(turn, incoming.text)
        elif incoming.kind == "location":
            await reminder_settings.on_location(turn)
        else:
            turn.say(turn.t("free_text.text_only"), checkin.resume_buttons(turn))

    async def _command(self, turn: Turn, name: str) -> None:
        if name == "start":
            await onboarding.start(turn)
        elif name == "checkin":
            await checkin.start(turn)
        elif name == "cancel":
            if not checkin.cancel(turn) and not reminder_settings.cancel(turn):
                if turn.doc is not None and turn.doc.state is not None:
                    turn.doc.state = None
                    turn.touch()
                    turn.say(turn.t("misc.cancelled"))
                else:
                    turn.say(turn.t("misc.nothing_to_cancel"))
        elif name == "help":
            turn.say(turn.render("help.j2"), onboarding.main_menu(turn) if turn.doc else [])
        elif name == "topics":
            freetext.show_topics(turn)
        elif name == "privacy":
            turn.say(turn.render("privacy.j2"))
        elif name == "language":
            _language_menu(turn)
        elif name == "profile":
            if turn.doc is None or turn.doc.consent_at is None:
                turn.say(turn.t("onboarding.consent_needed"))
            else:
                onboarding.ask_status(turn)
        elif name == "reminders":
            await reminder_settings.menu(turn)
        elif name in ("history", "summary", "export", "delete", "delete_my_data"):
            await account.on_command(turn, name)
        else:
            turn.say(turn.t("misc.unknown_command"))

    async def _button(self, turn: Turn, data: str) -> None:
        prefix, _, rest = data.partition(":")
        parts = rest.split(":") if rest else []
        if prefix == "ck":
            await checkin.on_button(turn, parts)
        elif prefix == "checkin" and parts == ["start"]:
            await checkin.start(turn)
        elif prefix == "ob":
            await onboarding.on_button(turn, parts)
        elif prefix == "faq" and len(parts) == 1:
            await freetext.on_topic_button(turn, parts[0])
        elif prefix == "fb":
            await freetext.on_feedback(turn, parts)
        elif prefix == "topics":
            freetext.show_topics(turn, _page(parts), edit=bool(parts))
        elif prefix == "lang" and len(parts) == 1:
            await _set_language(turn, parts[0])
        elif prefix == "rem":
            await reminder_settings.on_button(turn, parts)
        elif prefix in ("hist", "del", "exp", "sum"):
            await account.on_button(turn, prefix, parts)
        else:
            turn.toast = turn.t("errors.not_available")

    async def _text(self, turn: Turn, text: str) -> None:
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT]
        if turn.doc is not None and turn.doc.consent_at is not None:
            if onboarding.expects_text(turn):
                await onboarding.on_text(turn, text)
                return
            if checkin.expects_number(turn) and await checkin.on_number(turn, text):
                return
            if reminder_settings.expects_text(turn) and await reminder_settings.on_text(turn, text):
                return
        await freetext.on_text(turn, text)


def _page(parts: list[str]) -> int:
    try:
        return int(parts[0]) if parts else 0
    except ValueError:
        return 0


def _language_menu(turn: Turn) -> None:
    catalog = turn.deps.catalog
    buttons = [
        [Button(catalog.t(loc, "meta.language_name"), f"lang:{loc}")] for loc in catalog.locales
    ]
    turn.say(turn.t("misc.language_pick"), buttons)


async def _set_language(turn: Turn, locale: str) -> None:
    if locale not in turn.deps.catalog.locales:
        turn.toast = turn.t("errors.not_available")
        return
    turn.locale = locale
    if turn.doc is not None:
        turn.doc.locale = locale
        turn.touch()
    turn.say(turn.t("misc.language_set"), edit=True)


def _duplicate(log_id: str) -> Outcome:
    """An update already handled: logged (hashed user only), answered with nothing."""
    log.info("duplicate_update", extra={"user": log_id})
    return Outcome(silent=True)
