"""E2E: the bot process survives what real users and clients send it.

Stickers, photos and other media, and callback data that no button of ours ever carried,
must get a polite answer (or a quiet refusal), never an error reply, a handler exception or
a dead process; afterwards the same person is served normally.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e import BotProcess, User

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="package")]

MEDIA: dict[str, dict[str, Any]] = {
    "sticker": {
        "sticker": {
            "file_id": "s1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "photo": {
        "photo": [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}],
        "caption": "is this normal?",
    },
    "voice": {"voice": {"file_id": "v1", "file_unique_id": "v1", "duration": 3}},
    "document": {
        "document": {"file_id": "d1", "file_unique_id": "d1", "file_name": "x.pdf"},
    },
}

GARBAGE_CALLBACKS = [
    "",
    ":",
    "ck",
    "ck:::::",
    "ck:deadbeef:a:colour:white",
    "ck:deadbeef:zz",
    "ob:status:alien",
    "rem:zone:999",
    "rem:time:25.99",
    "rem:pause:-1",
    "hist:-1",
    "hist:99999999999999999999999",
    "del:cy:../../../etc/passwd",
    "del:yes:extra",
    "exp:nope",
    "topics:abc",
    "faq:../../secret",
    "fb:no_such_topic:1",
    "lang:xx",
    "{{7*7}}",
    "🤰" * 16,
    "x" * 64,
]


def _assert_served(process: BotProcess, user: User, log_mark: int) -> None:
    """The process lives, logged no handler error since ``log_mark``, and the user's last
    input got no "something went wrong" reply."""
    assert process.alive(), process.stderr()
    assert "handler_error" not in process.stderr_since(log_mark)
    assert not any("went wrong" in text for text in user.reply_texts())


async def _assert_still_answers(user: User) -> None:
    await user.command("help")
    assert user.replies, "no reply to /help"


@pytest.mark.parametrize("kind", sorted(MEDIA))
async def test_media_message_gets_a_text_only_reply(
    kind: str, new_user: User, shared_bot: BotProcess
) -> None:
    """A sticker, photo, voice note or document is answered with "I can only read text"."""
    mark = shared_bot.stderr_size()
    await new_user.command("start")
    await new_user.send_message(MEDIA[kind])
    assert any("only read text" in text for text in new_user.reply_texts())
    _assert_served(shared_bot, new_user, mark)
    await _assert_still_answers(new_user)


async def test_garbage_callback_data_is_refused_without_an_error(
    new_user: User, shared_bot: BotProcess
) -> None:
    """Callback data no button of ours carries is answered quietly, never with an error,
    and the process keeps serving the same person."""
    mark = shared_bot.stderr_size()
    await new_user.command("start")
    await new_user.tap(data="ob:consent")
    await new_user.tap(data="ob:status:pregnant")
    answered = len(new_user.api.answered_callbacks)
    for data in GARBAGE_CALLBACKS:
        await new_user.press(data)
        _assert_served(shared_bot, new_user, mark)
    assert len(new_user.api.answered_callbacks) - answered == len(GARBAGE_CALLBACKS)
    await _assert_still_answers(new_user)


async def test_button_on_an_unknown_message_is_handled(
    new_user: User, shared_bot: BotProcess
) -> None:
    """A tap on a message the bot never sent (deleted, or from another device) is harmless."""
    mark = shared_bot.stderr_size()
    await new_user.command("start")
    await new_user.press("ob:consent", message_id=999_999)
    _assert_served(shared_bot, new_user, mark)
    await _assert_still_answers(new_user)


async def test_very_long_text_is_answered(new_user: User, shared_bot: BotProcess) -> None:
    """A 4,096-character message gets an answer, within the reply timeout."""
    mark = shared_bot.stderr_size()
    await new_user.command("start")
    await new_user.say(("discharge " * 410)[:4096])
    assert new_user.replies
    _assert_served(shared_bot, new_user, mark)
