"""Blocking the bot (RELIABILITY R7): ``my_chat_member`` kicked marks the user inactive, /start
makes them active again, and the reminder schedule is told each time.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from tests.conftest import Wired
from tests.support.updates import callback_update, message_update

USER = 6_400_001
BOT = {"id": 999000, "is_bot": True, "first_name": "Checkin"}


def member(status: str) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "user": BOT}
    if status == "kicked":
        body["until_date"] = 0
    return body


def member_update(status: str, update_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "my_chat_member": {
            "chat": {"id": USER, "type": "private"},
            "from": {"id": USER, "is_bot": False, "first_name": "A"},
            "date": 1_700_000_000,
            "old_chat_member": member("member" if status == "kicked" else "kicked"),
            "new_chat_member": member(status),
        },
    }


async def consented(w: Wired) -> list[str]:
    """Alice consents; returns the list the reminder-refresh hook appends storage keys to."""
    refreshed: list[str] = []

    async def record(key: str) -> None:
        refreshed.append(key)

    w.core.deps.reminders_changed = record
    await w.app.process_update(message_update(w.app.bot, USER, "/start"))
    await w.app.process_update(callback_update(w.app.bot, USER, "ob:consent"))
    return refreshed


async def active(w: Wired) -> bool:
    doc = await w.core.storage.load_user(w.core.deps.hasher.user_key(USER))
    assert doc is not None
    return bool(doc["active"])


async def test_blocking_marks_the_user_inactive_and_refreshes_reminders(wired: Wired) -> None:
    """A 'kicked' membership change stores active=false and tells the scheduler."""
    refreshed = await consented(wired)
    await wired.app.process_update(Update.de_json(member_update("kicked", 9_001), wired.app.bot))
    assert await active(wired) is False
    assert refreshed == [wired.core.deps.hasher.user_key(USER)]


async def test_start_after_blocking_makes_the_user_active_again(wired: Wired) -> None:
    """/start from someone who had blocked the bot re-activates them and their reminders."""
    refreshed = await consented(wired)
    await wired.app.process_update(Update.de_json(member_update("kicked", 9_002), wired.app.bot))
    await wired.app.process_update(message_update(wired.app.bot, USER, "/start"))
    assert await active(wired) is True
    assert len(refreshed) == 2


async def test_a_membership_change_of_a_stranger_stores_nothing(wired: Wired) -> None:
    """Blocking by someone who never consented creates no document."""
    await wired.app.process_update(Update.de_json(member_update("kicked", 9_003), wired.app.bot))
    assert await wired.core.storage.count_users() == 0
