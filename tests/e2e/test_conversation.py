"""E2E: people talk to the bot process over HTTP, from /start to deleting their data.

One bot process serves the whole tier; each test is a different person. Assertions are on
what crossed the wire (the fake's records) and on what the process wrote to its data
directory, never on the bot's internals.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.e2e import User, stored_doc, user_file
from tests.support import checkin_walk

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="package")]


async def onboard(user: User, weeks: str = "30") -> None:
    """/start, consent, pregnant, weeks typed, the country skipped."""
    await user.command("start")
    await user.tap(data="ob:consent")
    await user.tap(data="ob:status:pregnant")
    await user.tap(data="ob:weeks")
    await user.say(weeks)
    await user.tap(data="ob:country:skip")


def question(user: User) -> str | None:
    """The field the current check-in screen asks about, or None when it asks nothing."""
    return checkin_walk.question(user.buttons())


async def answer(user: User, field: str, wanted: checkin_walk.Wanted) -> None:
    """Answer the current question: one option, several then Done, or Skip (None)."""
    await checkin_walk.answer(user.buttons, user.press, field, wanted)


async def walk_checkin(user: User, answers: Mapping[str, checkin_walk.Wanted]) -> None:
    """/checkin, then answer every question asked (fields not in ``answers`` are skipped)."""
    await user.command("checkin")
    await checkin_walk.walk_questions(user.buttons, user.press, answers)


async def test_onboarding_with_consent_stores_stage_and_due_date(
    new_user: User, shared_data_dir: Path
) -> None:
    """/start, consent, "pregnant", 30 weeks: the bot confirms and stores the stage and due date."""
    await new_user.command("start")
    assert "What I am not:" in new_user.text()
    assert stored_doc(shared_data_dir, new_user.user_id) is None
    await onboard(new_user, "30")
    assert "30 weeks pregnant" in new_user.reply_texts()[0]  # then the reminder offer
    doc = stored_doc(shared_data_dir, new_user.user_id)
    assert doc is not None
    assert doc["consent_at"] is not None
    assert doc["profile"]["status"] == "pregnant"
    assert doc["profile"]["due_date"] is not None


async def test_full_checkin_with_back_skip_and_multi_select_is_triaged_and_saved(
    new_user: User, shared_data_dir: Path
) -> None:
    """Back, skip and multi-select all work over HTTP; the result is shown and stored."""
    await onboard(new_user)
    await new_user.command("checkin")
    await answer(new_user, "danger_signs", ["none"])
    assert question(new_user) == "colour"
    await new_user.tap(label="Back")
    assert "First, safety" in new_user.text()
    await new_user.tap(data="d:danger_signs")
    await answer(new_user, "colour", "white")
    await answer(new_user, "consistency", None)  # skip
    assert question(new_user) == "amount"
    rest = {**checkin_walk.NORMAL_AT_30_WEEKS, "pain": ["mild_cramps", "backache"]}
    await checkin_walk.walk_questions(new_user.buttons, new_user.press, rest)
    final = new_user.text()
    assert "Level:" in final and "Saved" in final
    doc = stored_doc(shared_data_dir, new_user.user_id)
    assert doc is not None and len(doc["checkins"]) == 1
    answers = doc["checkins"][0]["answers"]
    assert answers["colour"] == "white"
    assert "consistency" not in answers or answers["consistency"] is None
    assert sorted(answers["pain"]) == ["backache", "mild_cramps"]


async def test_multi_select_toggles_off_a_second_tap(new_user: User) -> None:
    """Tapping a selected option again unselects it (the tick disappears)."""
    await onboard(new_user)
    await new_user.command("checkin")
    await new_user.tap(data="t:danger_signs:none")
    assert any(label.startswith("✅ None") for label, _ in new_user.buttons())
    await new_user.tap(data="t:danger_signs:none")
    assert not any(label.startswith("✅ None") for label, _ in new_user.buttons())


async def test_danger_sign_gives_emergency_advice_first(
    new_user: User, shared_data_dir: Path
) -> None:
    """A danger sign ends the check-in at once, and the reply's first line says to call
    emergency services now."""
    await onboard(new_user, "12")
    await walk_checkin(new_user, {"danger_signs": ["heavy_bleeding"]})
    first_line = new_user.text().split("\n")[0]
    assert "Call emergency services now" in first_line
    doc = stored_doc(shared_data_dir, new_user.user_id)
    assert doc is not None and doc["checkins"][-1]["level"] == "emergency"


async def test_typed_question_gets_a_topic_answer(new_user: User) -> None:
    """A typed question is answered with a topic and "was this helpful?" buttons."""
    await onboard(new_user)
    await new_user.say("is it normal to have more white discharge in pregnancy?")
    assert len(new_user.replies) == 1
    assert any(data.startswith("fb:") for _, data in new_user.buttons())
    await new_user.tap(label="Helpful")
    assert new_user.api.answered_callbacks[-1].get("text")


async def test_red_flag_text_leads_with_emergency_call_to_action(new_user: User) -> None:
    """Typed heavy bleeding is never answered with a plain FAQ: the first reply is the
    emergency call to action."""
    await onboard(new_user, "20")
    await new_user.say("I'm bleeding heavily, soaking a pad every hour")
    first = new_user.reply_texts()[0]
    assert "Call emergency services now" in "\n".join(first.split("\n")[:3])


async def test_reminder_set_up_by_buttons_is_stored_and_shown(
    new_user: User, shared_data_dir: Path
) -> None:
    """Turning the reminder on and picking 08:00 and Europe/Berlin by buttons stores them
    and the menu shows them."""
    await onboard(new_user)
    await new_user.command("reminders")
    assert "off" in new_user.text()
    await new_user.tap(data="rem:toggle")  # no country known: the zone is asked at once
    await new_user.tap(label="Berlin")
    await new_user.tap(data="rem:time")
    await new_user.tap(label="08:00")
    assert "on, at 08:00 (time zone: Berlin)" in new_user.text()
    doc = stored_doc(shared_data_dir, new_user.user_id)
    assert doc is not None
    reminder = doc["reminder"]
    assert (reminder["enabled"], reminder["time"], reminder["tz"]) == (
        True,
        "08:00",
        "Europe/Berlin",
    )


async def test_history_lists_the_check_in(new_user: User) -> None:
    """After a check-in, /history shows it (a chart and the list of check-ins)."""
    await onboard(new_user)
    await walk_checkin(new_user, checkin_walk.NORMAL_AT_30_WEEKS)
    await new_user.command("history")
    methods = [reply.method for reply in new_user.replies]
    assert "sendPhoto" in methods
    listing = new_user.reply_texts()[-1]
    assert "Normal" in listing


async def test_export_sends_a_json_document_with_the_check_in(
    new_user: User, shared_data_dir: Path
) -> None:
    """/export delivers a document that parses as JSON and holds the stored check-in."""
    await onboard(new_user)
    await walk_checkin(new_user, checkin_walk.NORMAL_AT_30_WEEKS)
    await new_user.command("export")
    files = {r.file_name: r.file_bytes for r in new_user.replies if r.method == "sendDocument"}
    json_name = next(name for name in files if name and name.endswith(".json"))
    exported = json.loads(files[json_name] or b"")
    doc = stored_doc(shared_data_dir, new_user.user_id)
    assert doc is not None
    assert json.dumps(exported).count(doc["checkins"][0]["id"]) >= 1
    csv_name = next(name for name in files if name and name.endswith(".csv"))
    rows = list(csv.reader(io.StringIO((files[csv_name] or b"").decode("utf-8-sig"))))
    assert len(rows) == 2  # header and the one check-in


async def test_delete_after_confirmation_removes_the_users_file(
    new_user: User, shared_data_dir: Path
) -> None:
    """/delete, then "yes": the user's file is gone from the data directory."""
    await onboard(new_user)
    await walk_checkin(new_user, checkin_walk.NORMAL_AT_30_WEEKS)
    assert user_file(shared_data_dir, new_user.user_id).exists()
    await new_user.command("delete")
    assert user_file(shared_data_dir, new_user.user_id).exists()
    await new_user.tap(data="del:yes")
    assert not user_file(shared_data_dir, new_user.user_id).exists()
    await new_user.command("history")
    assert stored_doc(shared_data_dir, new_user.user_id) is None
