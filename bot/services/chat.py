"""The chat service: one entry point, ``handle(Incoming) -> Outcome``, used by every adapter.

It loads the user's document under the user's lock, drops re-delivered updates (idempotency
by ``update_id``, recorded in the same write as the effects; ids handled by this process are
also remembered in memory, which covers people without a stored document, such as a webhook
post of ``/start`` arriving twice), routes the input, and writes the document once at the
end. Routing order matters: the safety screen runs on every text (message, caption, edit) before
flood control and before any flow gets it, and a flagged text is answered by the safety reply
instead of being read as a date, a number or a time; commands always work, even in a flow.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from pydantic import ValidationError

from bot.domain.limits import MESSAGE_MAX
from bot.domain.models import FlowState, LiveMenu, UserDoc
from bot.domain.safety import SafetyResult
from bot.reminders import settings as reminder_settings
from bot.services import (
    account,
    arrival,
    checkin,
    freetext,
    onboarding,
    safety_reply,
)
from bot.services.deps import Deps
from bot.services.events import Button, Incoming, Outcome, Reply
from bot.services.flood import FloodGate
from bot.services.keyboards import main_menu, way_on
from bot.services.stored_form import stored_form
from bot.services.turn import Turn, kept_replies
from bot.storage.base import JsonDoc, JsonText, StorageError

log = logging.getLogger("bot.chat")

# Update ids handled by this process; Telegram re-delivers within minutes, so a few
# thousand cover every retry while costing well under a megabyte.
RECENT_UPDATES_KEPT = 10_000
# With a store shared by processes, a re-delivered update whose replies are still in the
# outbox waits, rechecking this often, until the outbox's lease ends: the process that
# stored them may still be sending them.
OUTBOX_RECHECK_SECONDS = 0.25


#: The button that leaves a running check-in for the profile questions.
PROFILE_INSTEAD = "profile:new"

#: Commands a ``cmd:<name>`` button may run (buttons that answer "how do I ...", and the
#: way back to onboarding after a crisis reply: "start").
BUTTON_COMMANDS = frozenset(
    {
        "checkin",
        "history",
        "export",
        "delete",
        "reminders",
        "language",
        "topics",
        "help",
        "start",
        "profile",
    }
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
        # The safety screen comes before flood control: a red flag is never held back.
        flagged = safety_reply.screen(deps.catalog, incoming)
        if flagged is None and incoming.edited:
            return Outcome(silent=True)  # an edit without a red flag changes nothing
        if flagged is None:
            held = self._flood_gate(incoming, log_id)
            if held is not None:
                return held
        while True:
            result = await self._attempt(incoming, key, log_id, flagged)
            if isinstance(result, Outcome):
                return result
            # Another process stored this update and may still be sending its replies.
            await deps.clock.sleep(result)

    def upload_action(self, incoming: Incoming) -> account.UploadAction | None:
        """The sign of life to show before handling ``incoming`` when it makes a file."""
        if not incoming.private or incoming.kind not in ("command", "button"):
            return None
        return account.upload_action(incoming.command, incoming.data)

    def handle_group(self, incoming: Incoming) -> Outcome:
        """A message in a group the bot is in: a red flag gets its call to action there;
        a command is pointed to the private chat; anything else gets nothing."""
        catalog = self.deps.catalog
        locale = catalog.locale_for(incoming.language_code)
        flagged = safety_reply.screen(catalog, incoming)
        if flagged is not None:
            log.info("safety_screen", extra=_flag_fields(flagged, "group"))
            return Outcome(safety_reply.replies(catalog, locale, flagged), safety_first=True)
        if incoming.kind == "command":
            return Outcome([Reply(catalog.t(locale, "misc.private_only"))])
        return Outcome(silent=True)

    def _flood_gate(self, incoming: Incoming, log_id: str) -> Outcome | None:
        """None when the update may go on; else what a held-back update gets."""
        gate = self.flood.check(incoming.user_id, self.deps.clock.now().timestamp())
        if gate == "ok":
            return None
        log.warning("flood_dropped", extra={"user": log_id})
        catalog = self.deps.catalog
        locale = catalog.locale_for(incoming.language_code)
        if incoming.kind == "command":
            # A command may change or delete data: the user is always told it was not done.
            held = catalog.t(locale, "free_text.command_held", command=incoming.command)
            return Outcome([Reply(held)])
        if gate == "drop":
            return Outcome(silent=True)
        return Outcome([Reply(catalog.t(locale, "free_text.slow_down"))])

    async def _attempt(
        self, incoming: Incoming, key: str, log_id: str, flagged: SafetyResult | None
    ) -> Outcome | float:
        """Handle ``incoming`` under the user's lock, or say how long to wait before retrying."""
        deps = self.deps
        async with deps.storage.user_lock(key, update_id=incoming.update_id):
            try:
                raw = await deps.storage.load_user(key)
                doc = UserDoc.model_validate(raw) if raw is not None else None
            except (StorageError, ValidationError) as exc:
                log.error("load_failed", extra={"user": log_id, "error": type(exc).__name__})
                locale = deps.catalog.locale_for(incoming.language_code)
                if flagged is not None:
                    # The store failing must not cost anyone the call to action.
                    replies = safety_reply.replies(deps.catalog, locale, flagged)
                    return Outcome(replies, safety_first=True)
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
            if flagged is not None and doc is not None and doc.profile.status is not None:
                # Read again knowing the stage (a period is not a pregnancy's red flag) and
                # the question waiting (a bare "38.5" answers how many weeks, not a fever;
                # the weeks are asked only once the stage is stored).
                flagged = safety_reply.screen(
                    deps.catalog,
                    incoming,
                    doc.profile.status,
                    asked_weeks=onboarding.asks_weeks(turn),
                )
                if flagged is None and incoming.edited:
                    self._remember(update_id)
                    return Outcome(silent=True)
            if flagged is not None:
                log.info("safety_screen", extra=_flag_fields(flagged, log_id))
                await freetext.on_flagged(turn, incoming.text, flagged)
            else:
                await self._route(turn)
            shown = turn.shown
            if turn.dirty and not turn.deleted and not await turn.commit():
                turn.replies = [Reply(turn.t("errors.not_saved"))]
                shown = None
            self._remember(update_id)
            # Marked once sent: replies kept in the document, or an update that wrote nothing.
            # A failed save is not marked, so a re-delivery tries it again.
            confirm = update_id is not None and (turn.kept or not turn.wrote)
            saved = None if turn.deleted else turn.saved
            return Outcome(
                turn.replies,
                turn.toast,
                confirm=confirm,
                shown=shown,
                saved=saved,
                safety_first=turn.safety_first,
            )

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

    async def delivered(
        self, incoming: Incoming, outcome: Outcome, step_message_id: int | None
    ) -> None:
        """The replies of ``outcome`` went out, its step keyboard (if any) as the message
        ``step_message_id``: mark the update sent when it asks (``sent``) and keep the step's
        id (``shown``). When the state is still the one this update saved, both are one
        write (``Storage.swap_user``); else each as on its own."""
        session = outcome.shown if step_message_id is not None else None
        if session is None or step_message_id is None:
            if outcome.confirm:
                await self.sent(incoming)
            return
        mark = incoming.update_id if outcome.confirm else None
        if outcome.saved is not None and await self._swap_shown(
            incoming, outcome.saved, session, step_message_id, mark
        ):
            return
        if outcome.saved is None and outcome.confirm:
            await self.sent(incoming)
        await self.shown(incoming, session, step_message_id)

    async def _swap_shown(
        self,
        incoming: Incoming,
        saved: JsonText | JsonDoc,
        session: str,
        message_id: int,
        mark: int | None,
    ) -> bool:
        """Keep the step's id in the state saved as ``saved`` and mark ``mark`` sent, in one
        write; False when the state changed since (the mark is made all the same)."""
        deps = self.deps
        key = deps.hasher.user_key(incoming.user_id)
        doc = (
            UserDoc.model_validate_json(saved)
            if isinstance(saved, str)
            else UserDoc.model_validate(saved)
        )
        live = _unknown_live(doc, session)
        if live is None:
            if mark is not None:
                await self.sent(incoming)
            return True
        live.message_id = message_id
        try:
            return await deps.storage.swap_user(key, saved, stored_form(doc), mark_sent=mark)
        except StorageError as exc:
            log_id = deps.hasher.log_id(incoming.user_id)
            error = type(exc).__name__
            if mark is not None:
                log.warning("sent_mark_failed", extra={"user": log_id, "error": error})
            log.warning("shown_mark_failed", extra={"user": log_id, "error": error})
            return True

    async def shown(self, incoming: Incoming, session: str, message_id: int) -> None:
        """The step keyboard of flow ``session`` went out as the new message ``message_id``
        (``Outcome.shown``): kept as the live one, so the step that replaces it closes it.
        Adapters call it after delivering. Best effort: a failure only leaves it live.

        A later step of the same flow may have been shown meanwhile (a quick tap): then an id
        is known already and nothing changes."""
        deps = self.deps
        key = deps.hasher.user_key(incoming.user_id)
        try:
            async with deps.storage.user_lock(key):
                raw = await deps.storage.load_user(key)
                doc = UserDoc.model_validate(raw) if raw is not None else None
                if doc is None:
                    return
                live = _unknown_live(doc, session)
                if live is None:
                    return
                live.message_id = message_id
                await deps.storage.save_user(key, stored_form(doc))
        except (StorageError, ValidationError) as exc:
            log.warning(
                "shown_mark_failed",
                extra={
                    "user": deps.hasher.log_id(incoming.user_id),
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
        elif incoming.kind == "location" and reminder_settings.asks_zone(turn):
            with turn.step():  # the zone picker, answered by a location
                await reminder_settings.on_location(turn)
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
            if not checkin.cancel(turn):
                with turn.step():  # a cancelled prompt's keyboard is closed
                    self._cancel(turn)
        elif name == "help":
            onboarding.show_help(turn)
        elif name == "topics":
            freetext.show_topics(turn)
        elif name == "privacy":
            turn.say(turn.render("privacy.j2"))
        elif name == "language":
            _language_menu(turn)
        elif name == "profile":
            if turn.doc is None or turn.doc.consent_at is None:
                turn.say(turn.t("onboarding.consent_needed"))
            elif (running := checkin.active_state(turn)) is not None:
                checkin.ask_continue(turn, running, instead=PROFILE_INSTEAD)
            else:
                with turn.step():
                    onboarding.ask_status(turn, country_button=True)
        elif name == "reminders":
            await reminder_settings.menu(turn)
        elif name in ("history", "summary", "export", "delete", "delete_my_data"):
            await account.on_command(turn, name)
        else:
            turn.say(turn.t("misc.unknown_command"))

    def _cancel(self, turn: Turn) -> None:
        """``/cancel`` outside a check-in: a reminder picker or onboarding prompt stops."""
        if reminder_settings.cancel(turn):
            return
        if turn.doc is not None and turn.doc.state is not None:
            turn.doc.state = None
            turn.touch()
            # Stopped mid-way (the country question of the first onboarding): the way on.
            turn.say(turn.t("misc.cancelled"), way_on(turn))
        else:
            turn.say(turn.t("misc.nothing_to_cancel"))

    async def _button(self, turn: Turn, data: str) -> None:
        prefix, _, rest = data.partition(":")
        parts = rest.split(":") if rest else []
        if prefix == "ck":
            await checkin.on_button(turn, parts)
        elif prefix == "checkin" and parts == ["start"]:
            await checkin.start(turn)
        elif prefix == "checkin" and parts == ["new"]:
            await checkin.start(turn, edit=True, restart=True)
        elif data == PROFILE_INSTEAD and turn.doc is not None and turn.doc.consent_at is not None:
            with turn.step():  # the check-in's question keyboard is closed
                onboarding.ask_status(turn, edit=True, country_button=True)
        elif prefix == "ob":
            with turn.step():
                await onboarding.on_button(turn, parts)
        elif prefix == "arr" and parts in (["wait", "checkin"], ["wait", "menu"]):
            await _still_pregnant(turn, parts[1])
        elif prefix == "faq" and len(parts) == 1:
            await freetext.on_topic_button(turn, parts[0])
        elif prefix == "fb":
            await freetext.on_feedback(turn, parts)
        elif prefix == "topics":
            freetext.show_topics(turn, _page(parts), edit=bool(parts))
        elif prefix == "lang" and len(parts) == 1:
            await _set_language(turn, parts[0])
        elif prefix == "rem" and parts[:1] != ["menu"]:
            reminder_settings.unpin_offer(turn)
            with turn.step():
                await reminder_settings.on_button(turn, parts)
        elif prefix == "rem":
            await reminder_settings.menu(turn)
        elif prefix == "cmd" and len(parts) == 1 and parts[0] in BUTTON_COMMANDS:
            await self._command(turn, parts[0])
        elif prefix in ("hist", "del", "exp", "sum"):
            await account.on_button(turn, prefix, parts)
        else:
            turn.toast = turn.t("errors.not_available")

    async def _text(self, turn: Turn, text: str) -> None:
        shortened = len(text) > MESSAGE_MAX
        await self._read_text(turn, text[:MESSAGE_MAX])
        if shortened:
            # Telegram caps a message at 4,096 characters; more came in pieces or was cut.
            turn.say(turn.t("free_text.shortened", limit=MESSAGE_MAX))

    async def _read_text(self, turn: Turn, text: str) -> None:
        if turn.doc is not None and turn.doc.consent_at is not None:
            # A typed answer closes the prompt's keyboard (a text not taken leaves it live).
            with turn.step():
                if onboarding.expects_text(turn) and await onboarding.on_text(turn, text):
                    return
            if checkin.expects_number(turn) and await checkin.on_number(turn, text):
                return
            with turn.step():
                if reminder_settings.expects_text(turn) and await reminder_settings.on_text(
                    turn, text
                ):
                    return
            if reminder_settings.offered(turn):
                reminder_settings.unpin_offer(turn)
                with turn.step():
                    if await reminder_settings.on_offer_text(turn, text):
                        return
        await freetext.on_text(turn, text)


async def _still_pregnant(turn: Turn, then: str) -> None:
    """ "Not yet" to "has your baby arrived?": the check-in asked for starts, or the menu."""
    if turn.doc is None or turn.doc.consent_at is None or turn.status != "pregnant":
        turn.toast = turn.t("errors.not_available")
        return
    arrival.still_pregnant(turn)
    if then == "checkin":
        await checkin.start(turn, edit=True, asked_arrival=True)
    else:
        turn.say(turn.stage_line(), main_menu(turn), edit=True)


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
    turn.say(turn.t("misc.language_set"), checkin.resume_buttons(turn), edit=True)
    # A question left waiting is asked again in the new language: the consent question
    # (carrying the language, as nothing is stored yet) or the stage question.
    if turn.doc is None or turn.doc.consent_at is None:
        onboarding.welcome(turn, chosen_locale=True)
    elif onboarding.asks_status(turn):
        with turn.step():
            onboarding.ask_status(turn)


def _flag_fields(flagged: SafetyResult, user: str) -> dict[str, object]:
    """Log fields of a red flag: its level and category, never the text."""
    return {"user": user, "urgency": flagged.level, "category": flagged.category}


def _duplicate(log_id: str) -> Outcome:
    """An update already handled: logged (hashed user only), answered with nothing."""
    log.info("duplicate_update", extra={"user": log_id})
    return Outcome(silent=True)


def _unknown_live(doc: UserDoc, session: str) -> FlowState | LiveMenu | None:
    """The flow's step or the reminders menu (``LiveMenu``) of ``session`` whose message id
    is not known yet, if the user still has it."""
    for live in (doc.state, doc.reminders_menu):
        if live is not None and live.session == session:
            return live if live.message_id is None else None
    return None
