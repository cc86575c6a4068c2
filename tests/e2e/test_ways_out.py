"""E2E: a scripted Telegram session (the bot process against the fake Bot API) through the
ways out and the typed dates of issue 17: a decline and a change of mind, a due date typed
day-first, the reminder offer, the pickers' Back, a fixed offset refused, a location sent
unasked, and 'I don't know' from /profile. Every reply is checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.dates import format_date

from tests.e2e import User, stored_doc

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="package")]


def typed_due_date() -> dt.date:
    """A due date about four months ahead whose day is past 12 (so 'dd/mm/yyyy' is read one way
    only), from the bot's own today (UTC)."""
    today = dt.datetime.now(dt.UTC).date()
    return next(d for d in (today + dt.timedelta(days=n) for n in range(100, 140)) if d.day > 12)


async def test_a_session_through_every_way_out(new_user: User, shared_data_dir: Path) -> None:
    """Decline, change of mind, a typed due date, Yes to the reminder then Back, GMT+3 refused
    for Moscow, a location unasked, and 'I don't know' from /profile: each reply as it should."""
    user = new_user
    await user.command("start")
    assert "What I am not:" in user.text()

    await user.tap(data="ob:decline")
    assert "The emergency numbers above are still there" in user.text()
    assert not user.api.edits_to(user.user_id)  # the welcome was not replaced
    assert stored_doc(shared_data_dir, user.user_id) is None

    await user.tap(label="I changed my mind")
    assert "Which of these fits you now?" in user.text()

    await user.tap(data="ob:status:pregnant")
    assert "When is your baby due?" in user.text()
    assert [label for label, _ in user.buttons()] == [
        "I know the weeks",
        "🤷 I don't know",
        "⬅️ Back",
    ]

    due = typed_due_date()
    await user.say(due.strftime("%d/%m/%Y"))
    closing, country = user.replies  # the due-date prompt's keyboard goes, then the country
    assert closing.method == "editMessageReplyMarkup" and not closing.buttons
    assert f"Due date: {format_date(due, 'long', locale='en')}." in (country.text or "")
    assert "Which country are you in?" in (country.text or "")

    await user.tap(data="ob:country:skip")
    done, offer = user.reply_texts()
    assert "weeks pregnant" in done and "gentle daily reminder" in offer

    await user.tap(label="Yes")
    assert "Pick a time" in user.text()
    await user.tap(label="Back")
    assert "Daily reminder: off" in user.text()

    await user.tap(data="rem:zone")
    await user.say("GMT+3")
    assert "UTC+3 is a fixed offset" in user.text()
    await user.tap(label="Moscow")
    assert "(time zone: Moscow)" in user.text()

    await user.send_message({"location": {"latitude": 40.42, "longitude": -3.70}})
    assert "only when you ask me to" in user.text()

    await user.command("profile")
    await user.tap(data="ob:status:pregnant")
    await user.tap(label="I don't know")
    assert "without the week" in user.reply_texts()[0]
    doc = stored_doc(shared_data_dir, user.user_id)
    assert doc is not None
    assert (doc["profile"]["status"], doc["profile"]["due_date"]) == ("pregnant", None)
    assert doc["reminder"]["tz"] == "Europe/Moscow"
