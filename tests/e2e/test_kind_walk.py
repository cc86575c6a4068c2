"""E2E: a walk as a user over HTTP for the parts of a kind conversation that show on the wire:
a check-in interrupted by a second one, a reminder set by a Russian city name, a history day
with three check-ins and an export in Spanish. Every reply is read off the fake Bot API."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.e2e import User, stored_doc
from tests.e2e.test_conversation import onboard, walk_checkin
from tests.support import checkin_walk

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="package")]


async def test_a_second_checkin_asks_and_start_again_closes_the_old_question(
    new_user: User, shared_data_dir: Path
) -> None:
    """/checkin mid check-in asks first; "Start again" closes the old question's keyboard."""
    await onboard(new_user)
    await new_user.command("checkin")
    old_question = new_user.screen().message_id
    await checkin_walk.answer(new_user.buttons, new_user.press, "danger_signs", ["none"])
    await new_user.command("checkin")
    assert "Continue where you were, or start again?" in new_user.text()
    await new_user.tap(label="Start again")
    assert "First, safety" in new_user.text()
    closed = [
        e for e in new_user.api.edits_to(new_user.user_id)
        if e.method == "editMessageReplyMarkup" and e.message_id == old_question
    ]  # fmt: skip
    assert closed and not closed[-1].buttons
    doc = stored_doc(shared_data_dir, new_user.user_id)
    assert doc is not None and doc["state"]["answers"] == {}


async def test_a_reminder_zone_is_set_by_a_russian_city_name(
    new_user: User, shared_data_dir: Path
) -> None:
    """Typing "Москва" at the zone prompt stores Europe/Moscow and says so."""
    await onboard(new_user)
    await new_user.command("reminders")
    assert "Daily reminder: off" in new_user.text()
    await new_user.tap(data="rem:zone")
    assert "Pick your time zone" in new_user.text()
    await new_user.say("Москва")
    doc = stored_doc(shared_data_dir, new_user.user_id)
    assert doc is not None and doc["reminder"]["tz"] == "Europe/Moscow"
    assert "time zone: Moscow" in " ".join(new_user.reply_texts())


async def test_three_checkins_of_a_day_are_listed_with_their_times(new_user: User) -> None:
    """A history day with three check-ins shows a time of day on each."""
    await onboard(new_user)
    for _ in range(3):
        await walk_checkin(new_user, checkin_walk.NORMAL_AT_30_WEEKS)
        assert "Saved to your history" in new_user.text()
    await new_user.command("history")
    listing = next(t for t in reversed(new_user.reply_texts()) if "Your check-ins" in t)
    assert len(re.findall(r"^\d\. .+, \d{1,2}:\d{2}", listing, flags=re.MULTILINE)) == 3


async def test_a_spanish_export_has_spanish_file_names_and_headings(new_user: User) -> None:
    """/export in Spanish sends mis-datos and mis-registros files with Spanish columns."""
    new_user.language_code = "es"
    await onboard(new_user)
    await walk_checkin(new_user, checkin_walk.NORMAL_AT_30_WEEKS)
    assert "Guardado en tu historial" in new_user.text()
    await new_user.command("export")
    assert "Aquí tienes todo lo que guardo sobre ti" in " ".join(new_user.reply_texts())
    files = {r.file_name or "": r.file_bytes or b"" for r in new_user.replies if r.file_name}
    names = sorted(files)
    assert names[0].startswith("mis-datos-") and names[1].startswith("mis-registros-")
    rows = list(csv.reader(io.StringIO(files[names[1]].decode("utf-8-sig"))))
    assert rows[0][:2] == ["Id del registro", "Fecha"] and len(rows) == 2
