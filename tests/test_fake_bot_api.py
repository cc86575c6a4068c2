"""The fake Bot API behaves like Telegram where the bot's correctness depends on it.

Most of all ``getUpdates``: an offset confirms updates for good, so a bot that confirms
before processing loses them (RELIABILITY F2, U1) and these tests pin that down.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Conflict, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from tests.fakes.bot_api import FakeBotAPI

TOKEN = "123456:TEST-token-for-the-fake-api"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


def make_bot(api: FakeBotAPI, *, read_timeout: float = 5.0) -> Bot:
    request = HTTPXRequest(connection_pool_size=4, read_timeout=read_timeout)
    return Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url, request=request)


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with make_bot(api) as client:
        yield client


# --- getMe and unknown methods ---------------------------------------------------------------


async def test_get_me_satisfies_ptb_initialisation(bot: Bot, api: FakeBotAPI) -> None:
    """PTB's initialize() accepts the fake's getMe and learns the bot's username."""
    assert bot.username == api.bot_user["username"]
    assert bot.can_join_groups is False


async def test_unknown_method_is_a_404_json_error(api: FakeBotAPI) -> None:
    """An unknown method answers 404 with Telegram's JSON error shape."""
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{api.base_url}{TOKEN}/getChatAdministratorsX")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


# --- getUpdates ------------------------------------------------------------------------------


async def test_get_updates_serves_pending_updates_in_order(bot: Bot, api: FakeBotAPI) -> None:
    """Pushed messages come back oldest first with increasing update ids."""
    ids = [api.push_text(42, f"m{i}") for i in range(3)]
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == ids
    assert [u.message.text for u in updates if u.message] == ["m0", "m1", "m2"]


async def test_an_offset_confirms_updates_for_good(bot: Bot, api: FakeBotAPI) -> None:
    """After offset=k, asking again from 0 never returns an update below k."""
    first, second = api.push_text(42, "a"), api.push_text(42, "b")
    await bot.get_updates(offset=second, timeout=0)
    again = await bot.get_updates(offset=0, timeout=0)
    assert [u.update_id for u in again] == [second]
    assert api.confirmed_offset == second > first


async def test_a_lower_offset_than_the_highest_seen_is_ignored(bot: Bot, api: FakeBotAPI) -> None:
    """Serving starts from max(offset, confirmed): going back does not re-deliver."""
    ids = [api.push_text(42, f"m{i}") for i in range(3)]
    await bot.get_updates(offset=ids[2], timeout=0)
    again = await bot.get_updates(offset=ids[0], timeout=0)
    assert [u.update_id for u in again] == [ids[2]]


async def test_unconfirmed_updates_are_served_again(bot: Bot, api: FakeBotAPI) -> None:
    """Without a higher offset the same updates are re-delivered (after a crash, say)."""
    update_id = api.push_text(42, "a")
    await bot.get_updates(timeout=0)
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [update_id]


async def test_limit_is_honoured(bot: Bot, api: FakeBotAPI) -> None:
    """limit=2 returns the two oldest pending updates."""
    ids = [api.push_text(42, f"m{i}") for i in range(5)]
    updates = await bot.get_updates(limit=2, timeout=0)
    assert [u.update_id for u in updates] == ids[:2]


async def test_negative_offset_keeps_only_the_newest(bot: Bot, api: FakeBotAPI) -> None:
    """offset=-1 returns the last update and forgets everything before it."""
    ids = [api.push_text(42, f"m{i}") for i in range(3)]
    updates = await bot.get_updates(offset=-1, timeout=0)
    assert [u.update_id for u in updates] == [ids[-1]]
    assert api.pending_updates == 1


async def test_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, api: FakeBotAPI) -> None:
    """A 30 s long poll ends right after a push instead of waiting out the timeout."""
    asyncio.get_running_loop().call_later(0.2, api.push_text, 42, "late")
    started = time.monotonic()
    updates = await bot.get_updates(timeout=30, read_timeout=40)
    assert [u.message.text for u in updates if u.message] == ["late"]
    assert time.monotonic() - started < 15


async def test_long_poll_with_nothing_pending_returns_empty_after_the_timeout(
    bot: Bot, api: FakeBotAPI
) -> None:
    """With no updates the long poll waits at least ``timeout`` seconds and returns []."""
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


async def test_a_second_poller_ends_the_first_with_conflict(api: FakeBotAPI) -> None:
    """Two concurrent getUpdates: the older one gets 409 Conflict, as with two instances."""
    async with make_bot(api, read_timeout=10) as first, make_bot(api, read_timeout=10) as second:
        older = asyncio.ensure_future(first.get_updates(timeout=5))
        while not api.polling:
            await asyncio.sleep(0.01)
        newer = asyncio.ensure_future(second.get_updates(timeout=1))
        with pytest.raises(Conflict):
            await older
        await newer


async def test_get_updates_while_a_webhook_is_set_is_a_conflict(bot: Bot, api: FakeBotAPI) -> None:
    """Polling while a webhook is active is refused with 409, until deleteWebhook."""
    await bot.set_webhook("https://example.invalid/hook", secret_token="s" * 32)
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()


async def test_delete_webhook_can_drop_pending_updates(bot: Bot, api: FakeBotAPI) -> None:
    """deleteWebhook(drop_pending_updates=True) confirms everything that is pending."""
    api.push_text(42, "old")
    await bot.delete_webhook(drop_pending_updates=True)
    assert api.pending_updates == 0


async def test_allowed_updates_filters_what_is_served(bot: Bot, api: FakeBotAPI) -> None:
    """With allowed_updates=["callback_query"] a text message is not served."""
    api.push_text(42, "text")
    tapped = api.push_callback(42, "x", 1)
    updates = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert [u.update_id for u in updates] == [tapped]


# --- user-side helpers -----------------------------------------------------------------------


async def test_push_callback_carries_the_bots_message(bot: Bot, api: FakeBotAPI) -> None:
    """A tap under a sent message arrives as a full CallbackQuery PTB can parse."""
    sent = await bot.send_message(42, "Pick one")
    api.push_callback(42, "checkin:start", sent.message_id)
    (update,) = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query is not None and query.data == "checkin:start"
    assert query.chat_instance
    assert isinstance(query.message, Message) and query.message.message_id == sent.message_id
    assert query.message.text == "Pick one"
    assert await query.answer()


async def test_push_command_is_parsed_as_a_command(bot: Bot, api: FakeBotAPI) -> None:
    """push_command sends /start with a bot_command entity, so CommandHandler matches."""
    api.push_command(42, "start", "deep-link")
    (update,) = await bot.get_updates(timeout=0)
    assert update.message is not None
    assert update.message.text == "/start deep-link"
    assert update.message.entities[0].type == "bot_command"


async def test_pushed_updates_round_trip_through_update_de_json(bot: Bot, api: FakeBotAPI) -> None:
    """A my_chat_member "kicked" update is a valid Update with dates in whole seconds."""
    api.push_my_chat_member(42, "kicked")
    (update,) = await bot.get_updates(timeout=0)
    assert isinstance(update, Update)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"


# --- what the bot sent -----------------------------------------------------------------------


async def test_sent_messages_are_recorded_with_their_buttons(bot: Bot, api: FakeBotAPI) -> None:
    """sendMessage is recorded per chat with visible text and inline buttons."""
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    await bot.send_message(7, "<b>Hi</b> &amp; bye", parse_mode="HTML", reply_markup=markup)
    (sent,) = api.sent_to(7)
    assert sent.text == "Hi & bye"
    assert sent.buttons == [("Go", "go")]
    assert [c.method for c in api.calls][-1] == "sendMessage"


async def test_html_that_telegram_cannot_parse_is_refused(bot: Bot, api: FakeBotAPI) -> None:
    """An unsupported tag with parse_mode=HTML is a 400 "can't parse entities"."""
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(7, "You wrote: <script>", parse_mode="HTML")
    assert api.sent_to(7) == []


async def test_editing_without_a_change_is_refused(bot: Bot, api: FakeBotAPI) -> None:
    """An edit with the same text and markup is a 400 "message is not modified"."""
    sent = await bot.send_message(7, "same")
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("same", chat_id=7, message_id=sent.message_id)


async def test_documents_are_recorded_with_their_bytes(bot: Bot, api: FakeBotAPI) -> None:
    """sendDocument (multipart) keeps the uploaded file for the test to inspect."""
    await bot.send_document(7, document=b'{"export": 1}', filename="export.json")
    (sent,) = api.sent_to(7)
    assert (sent.file_name, sent.file_bytes) == ("export.json", b'{"export": 1}')


# --- fault modes -----------------------------------------------------------------------------


async def test_bad_gateway_lasts_for_the_given_period(bot: Bot, api: FakeBotAPI) -> None:
    """bad_gateway(2) makes calls fail with 502 and then recover."""
    api.bad_gateway(2)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(7, "x")
    while time.monotonic() <= api.faults.bad_gateway_until:
        await asyncio.sleep(0.05)
    await bot.send_message(7, "x")
    assert len(api.sent_to(7)) == 1


async def test_delayed_response_is_recorded_before_the_client_times_out(api: FakeBotAPI) -> None:
    """With delay() the message is delivered although the client sees TimedOut."""
    api.delay(2.0)
    async with make_bot(api, read_timeout=0.3) as slow:
        with pytest.raises(TimedOut):
            await slow.send_message(7, "x")
    assert len(api.sent_to(7)) == 1


async def test_rate_limit_counts_sends_that_ignore_retry_after(bot: Bot, api: FakeBotAPI) -> None:
    """After a 429 a send to the same chat before retry_after is a recorded violation."""
    api.rate_limit(1.0, retry_after=5)
    for _ in range(2):
        with pytest.raises(RetryAfter):
            await bot.send_message(7, "x")
    assert [chat for chat, _ in api.retry_after_violations] == [7]


# --- state on disk and process mode ----------------------------------------------------------


async def test_state_dir_holds_the_offset_and_the_sent_log(tmp_path: Path) -> None:
    """The highest offset and every delivered message are written for crash tests."""
    async with FakeBotAPI(state_dir=tmp_path) as server, make_bot(server) as client:
        update_id = server.push_text(42, "a")
        await client.get_updates(offset=update_id + 1, timeout=0)
        await client.send_message(42, "saved")
    assert (tmp_path / "offset").read_text().strip() == str(update_id + 1)
    lines = [json.loads(line) for line in (tmp_path / "sent.jsonl").read_text().splitlines()]
    assert [(line["chat_id"], line["text"]) for line in lines] == [(42, "saved")]


async def test_process_mode_serves_the_api_and_the_control_endpoints(tmp_path: Path) -> None:
    """``python -m tests.fakes.bot_api`` prints its port, serves PTB and stops on SIGTERM."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.bot_api", "--port", "0", "--state-dir", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), 30)
        port = int(line.strip().split("=")[1])
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            pushed = await client.post("/_fake/push_text", json={"user_id": 42, "text": "hi"})
            bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot")
            async with bot:
                (update,) = await bot.get_updates(timeout=0)
                await bot.send_message(42, "reply")
            sent = (await client.get("/_fake/sent", params={"chat_id": 42})).json()["result"]
        assert update.update_id == pushed.json()["result"]
        assert [s["text"] for s in sent] == ["reply"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
