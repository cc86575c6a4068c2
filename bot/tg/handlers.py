"""PTB handlers: every update goes through one callback into the chat service.

Handler groups: group 0 handles chat-member changes (blocked / unblocked), group 1 handles
everything a user sends. One callback for all user input keeps the routing in the services,
where the console chat shares it.
"""

from __future__ import annotations

import logging
import time

from telegram import BotCommand, BotCommandScopeAllPrivateChats, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import Application, ChatMemberHandler, ContextTypes, TypeHandler

from bot.catalog.catalog import Catalog
from bot.domain.menu import COMMANDS
from bot.domain.models import UserDoc
from bot.health import current
from bot.services.chat import ChatService
from bot.services.deps import Deps
from bot.services.events import Reply
from bot.services.stored_form import stored_form
from bot.tg.convert import to_incoming
from bot.tg.replies import answer_button, deliver, show_action

log = logging.getLogger("bot.tg")


def install(app: Application, service: ChatService) -> None:  # type: ignore[type-arg]
    """Register the handlers and the error handler on ``app``."""

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        started = time.perf_counter()
        try:
            await _answer(update, context)
        finally:
            current().handler_time(time.perf_counter() - started)

    async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = to_incoming(update)
        if incoming is None:
            return
        if not incoming.private:
            group_outcome = service.handle_group(incoming)
            if not group_outcome.silent:
                await deliver(context.bot, incoming.chat_id, group_outcome)
            return
        query = update.callback_query
        answered = False
        action = service.upload_action(incoming)
        if action is not None:
            # A file takes a second or two: stop the button's spinner and show the upload
            # sign at once, then do the work.
            if query is not None:
                answered = await answer_button(context.bot, query.id)
            await show_action(context.bot, incoming.chat_id, action)
        outcome = await service.handle(incoming)
        if outcome.silent:
            return
        if answered and outcome.toast:
            # The button was answered before its notice was known: say it in the chat.
            outcome.replies.append(Reply(outcome.toast))
        messages = await deliver(
            context.bot,
            incoming.chat_id,
            outcome,
            callback_query_id=query.id if query is not None and not answered else None,
            source_message_id=incoming.message_id,
        )
        step = outcome.step_reply()
        message = messages[step] if step is not None else None
        # The sent mark, and a step's keyboard sent anew: its id, so the step replacing it
        # can close it.
        await service.delivered(incoming, outcome, message.message_id if message else None)

    async def on_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        if change is None:
            return
        blocked = change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
        await set_active(service.deps, change.from_user.id, active=not blocked)

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # The logging filter keeps the exception's type and frames, never its text or values.
        if context.error is not None:
            current().handler_failed(context.error)
        log.error("handler_error", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            locale = service.deps.catalog.locale_for(
                update.effective_user.language_code if update.effective_user else None
            )
            try:
                # A plain catalog string, not a rendered HTML template.
                await context.bot.send_message(
                    update.effective_chat.id,
                    service.deps.catalog.t(locale, "errors.generic"),
                    parse_mode=None,
                )
            except Exception as exc:
                log.error("error_reply_failed", extra={"error": type(exc).__name__})

    app.add_handler(ChatMemberHandler(on_member, ChatMemberHandler.MY_CHAT_MEMBER), group=0)
    app.add_handler(TypeHandler(Update, on_update), group=1)
    app.add_error_handler(on_error)


async def set_active(deps: Deps, user_id: int, *, active: bool) -> None:
    """Mark a user (in)active after they blocked or unblocked the bot."""
    key = deps.hasher.user_key(user_id)
    async with deps.storage.user_lock(key):
        raw = await deps.storage.load_user(key)
        if raw is None:
            return
        doc = UserDoc.model_validate(raw)
        if doc.active == active:
            return
        doc.active = active
        await deps.storage.save_user(key, stored_form(doc))
    log.info("user_active_changed", extra={"user": deps.hasher.log_id(user_id), "active": active})
    await deps.reminders_changed(key)


async def set_commands(app: Application, catalog: Catalog) -> None:  # type: ignore[type-arg]
    """Publish the bot's profile in every locale (the default one without a language code):
    the command menu for private chats (in groups the bot only screens for red flags), the
    description shown before /start and the short description of its profile page."""
    private = BotCommandScopeAllPrivateChats()
    for locale in catalog.locales:
        commands = [BotCommand(name, catalog.t(locale, f"commands.{name}")) for name in COMMANDS]
        code = None if locale == catalog.default_locale else locale
        await app.bot.set_my_commands(commands, scope=private, language_code=code)
        await app.bot.set_my_description(catalog.t(locale, "about.description"), code)
        await app.bot.set_my_short_description(catalog.t(locale, "about.short_description"), code)
