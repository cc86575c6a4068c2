"""Handler tests for the user's own data: /history and its chart, deleting one check-in,
forged record buttons, /summary and /export, through the real PTB Application at the wire.

A six-week pregnancy history (tests/data/history-fixture.json) is stored for the user before
each test; the fake clock stands at 2026-06-01, the day of its last check-in.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.domain.menu import COMMANDS
from bot.services.account import chart, summary
from tests.conftest import Wired
from tests.support.stored import split, state_and_history, store_user
from tests.support.updates import callback_update, message_update

FIXTURE = Path(__file__).parent / "data" / "history-fixture.json"
ALICE = 4242
BOB = 5353
STRANGER = 6464
ONE_PIXEL_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7\x9a\xa0"
    b"\xa0\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def app(wired: Wired) -> Wired:
    """The Application as in production; the fake request keeps every uploaded file."""
    return wired


@pytest.fixture
def quick_charts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Replace chart drawing with a 1-pixel PNG, for tests that are not about the picture."""
    for module in (chart, summary):
        monkeypatch.setattr(module, "render_chart", lambda data, wide=False: ONE_PIXEL_PNG)
    yield


def fixture_doc(key: str, chat_id: int, *, fresh_ids: bool = False) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["key"] = key
    doc["chat_id"] = chat_id
    if fresh_ids:
        for record in doc["checkins"]:
            record["id"] = secrets.token_hex(12)
    return doc


async def seed(w: Wired, user: int, *, fresh_ids: bool = False) -> dict[str, Any]:
    """Store the fixture history as ``user``'s and return it as ``stored`` reads it back."""
    key = w.core.deps.hasher.user_key(user)
    doc = fixture_doc(key, user, fresh_ids=fresh_ids)
    await store_user(w.core.storage, key, doc)
    state, records = split(doc)
    return state | {"checkins": records}


async def stored(w: Wired, user: int) -> dict[str, Any] | None:
    """Everything stored of ``user``: the state with the history under "checkins"."""
    return await state_and_history(w.core.storage, w.core.deps.hasher.user_key(user))


async def send(w: Wired, text: str, user: int = ALICE) -> None:
    await w.app.process_update(message_update(w.app.bot, user, text))


async def press(w: Wired, data: str, user: int = ALICE) -> None:
    await w.app.process_update(callback_update(w.app.bot, user, data))


def newest_ids(doc: dict[str, Any], n: int) -> list[str]:
    records = sorted(doc["checkins"], key=lambda c: c["at"], reverse=True)
    return [c["id"] for c in records[:n]]


def files(w: Wired) -> list[tuple[str, str, bytes]]:
    return w.wire.files


def toast(w: Wired) -> str:
    return str(w.wire.sent("answerCallbackQuery")[-1].params.get("text", ""))


# --- /history -------------------------------------------------------------------------------


async def test_history_sends_the_chart_then_the_newest_check_ins(app: Wired) -> None:
    """/history sends a chart photo with a text alternative, then the newest five check-ins."""
    await seed(app, ALICE)
    await send(app, "/history")
    methods = [c.method for c in app.wire.sent()]
    assert methods == ["sendPhoto", "sendMessage"]
    caption = str(app.wire.sent("sendPhoto")[0].params["caption"])
    assert "check-ins" in caption and "Urgent or emergency on" in caption
    assert "Most common colour: White" in caption
    page = app.wire.texts()[-1]
    assert page.index("31 May 2026") < page.index("30 May 2026") < page.index("29 May 2026")
    assert "29 weeks pregnant" in page
    png = files(app)[0][2]
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000


async def test_history_buttons_name_records_by_their_opaque_ids(
    app: Wired, quick_charts: None
) -> None:
    """Each 🗑 button carries its check-in's random 96-bit id, never a position (D9)."""
    doc = await seed(app, ALICE)
    await send(app, "/history")
    data = [d for _, d in app.wire.last_buttons() if d.startswith("del:c:")]
    assert [d.removeprefix("del:c:") for d in data] == newest_ids(doc, 5)
    assert all(re.fullmatch(r"del:c:[0-9a-f]{24}", d) for d in data)


async def test_older_page_replaces_the_list_in_place(app: Wired, quick_charts: None) -> None:
    """'Older' edits the list message to show check-ins 6 to 10."""
    doc = await seed(app, ALICE)
    await send(app, "/history")
    older = next(d for label, d in app.wire.last_buttons() if "Older" in label)
    app.wire.clear()
    await press(app, older)
    edit = app.wire.sent("editMessageText")
    assert len(edit) == 1 and "(2/5)" in str(edit[0].params["text"])
    shown = [d.removeprefix("del:c:") for _, d in app.wire.last_buttons() if "del:c:" in d]
    assert shown == newest_ids(doc, 10)[5:]


async def test_chart_button_switches_to_the_whole_pregnancy(app: Wired, quick_charts: None) -> None:
    """The chart's button sends the whole-pregnancy chart, which offers the last 30 days back."""
    await seed(app, ALICE)
    await send(app, "/history")
    photo = app.wire.sent("sendPhoto")[0]
    markup = photo.params["reply_markup"]
    markup = markup if isinstance(markup, dict) else json.loads(markup)
    button = markup["inline_keyboard"][0][0]
    assert "whole pregnancy" in button["text"]
    app.wire.clear()
    await press(app, button["callback_data"])
    caption = str(app.wire.sent("sendPhoto")[0].params["caption"])
    assert "25 check-ins, 20 Apr\u2009–\u20091 Jun 2026." in caption
    assert app.wire.last_buttons() == [("📈 Chart: last 30 days", "hist:chart:30")]


async def test_history_without_check_ins_offers_a_check_in(app: Wired) -> None:
    """A user with no check-ins is offered one instead of an empty list or chart."""
    doc = fixture_doc(app.core.deps.hasher.user_key(ALICE), ALICE)
    doc["checkins"] = []
    await store_user(app.core.storage, doc["key"], doc)
    await send(app, "/history")
    assert app.wire.sent("sendPhoto") == []
    assert "not logged any check-ins" in app.wire.texts()[-1]


async def test_summary_without_check_ins_offers_a_check_in(app: Wired) -> None:
    """/summary for a user with no check-ins offers to start one rather than ending there."""
    doc = fixture_doc(app.core.deps.hasher.user_key(ALICE), ALICE)
    doc["checkins"] = []
    await store_user(app.core.storage, doc["key"], doc)
    await send(app, "/summary")
    assert "not logged any check-ins" in app.wire.texts()[-1]
    assert ("📝 Start a check-in", "checkin:start") in app.wire.last_buttons()


# --- deleting one check-in ------------------------------------------------------------------


async def test_deleting_one_check_in_asks_first_then_removes_only_it(
    app: Wired, quick_charts: None
) -> None:
    """🗑 asks for confirmation naming the date; 'Yes' removes that check-in and no other."""
    doc = await seed(app, ALICE)
    target = newest_ids(doc, 1)[0]
    await press(app, f"del:c:{target}")
    assert "Delete your check-in of <b>31 May 2026</b>" in app.wire.texts()[-1]
    assert len((await stored(app, ALICE) or {})["checkins"]) == len(doc["checkins"])
    await press(app, f"del:cy:{target}")
    after = await stored(app, ALICE)
    assert after is not None
    assert [c["id"] for c in after["checkins"]] == [
        c["id"] for c in doc["checkins"] if c["id"] != target
    ]
    assert "is deleted" in app.wire.texts()[-1]
    events = await app.core.storage.audit_events()
    assert events[-1]["action"] == "delete_checkin"


async def test_keeping_the_check_in_changes_nothing(app: Wired, quick_charts: None) -> None:
    """'No, keep it' goes back to the list and leaves the stored document as it was."""
    doc = await seed(app, ALICE)
    await press(app, f"del:c:{newest_ids(doc, 1)[0]}")
    await press(app, "del:cn")
    assert await stored(app, ALICE) == doc
    assert "Your check-ins" in app.wire.texts()[-1]


async def test_replaying_the_button_of_a_deleted_check_in_is_refused(
    app: Wired, quick_charts: None
) -> None:
    """A deleted check-in's id names nothing: pressing 'Yes' again changes nothing (D9)."""
    doc = await seed(app, ALICE)
    target = newest_ids(doc, 1)[0]
    await press(app, f"del:cy:{target}")
    after_delete = await stored(app, ALICE)
    app.wire.clear()
    await press(app, f"del:cy:{target}")
    assert [c.method for c in app.wire.calls] == ["answerCallbackQuery"]
    assert toast(app) == "Sorry, that is not available."
    assert await stored(app, ALICE) == after_delete


# --- forged buttons -------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["c", "cy"])
async def test_forged_button_naming_another_users_record_changes_and_reveals_nothing(
    app: Wired, action: str
) -> None:
    """Bob pressing a button with Alice's record id gets 'not available' and nothing else (S1)."""
    alice = await seed(app, ALICE)
    bob = await seed(app, BOB, fresh_ids=True)
    app.wire.clear()
    await press(app, f"del:{action}:{alice['checkins'][-1]['id']}", user=BOB)
    assert [c.method for c in app.wire.calls] == ["answerCallbackQuery"]
    assert toast(app) == "Sorry, that is not available."
    assert await stored(app, ALICE) == alice
    assert await stored(app, BOB) == bob
    denied = (await app.core.storage.audit_events())[-1]
    assert denied == {
        "action": "authz_denied",
        "user": app.core.deps.hasher.log_id(BOB),
        "at": denied["at"],
    }


async def test_forged_button_from_someone_with_no_data_stores_nothing(app: Wired) -> None:
    """A stranger replaying Alice's record id gets 'not available' and no document is created."""
    alice = await seed(app, ALICE)
    await press(app, f"del:cy:{alice['checkins'][0]['id']}", user=STRANGER)
    assert toast(app) == "Sorry, that is not available."
    assert await app.core.storage.count_users() == 1
    assert await stored(app, ALICE) == alice


@pytest.mark.parametrize(
    "data",
    [
        "del:cy:1",
        "del:cy:../../users",
        "del:cy:" + "f" * 24,
        "del:cy:" + "A" * 24,
        "del:cy:" + "a" * 200,
        "del:c:",
    ],
)
async def test_malformed_or_unknown_record_ids_are_refused(app: Wired, data: str) -> None:
    """Row numbers, paths, unknown and malformed ids are all refused without any change."""
    alice = await seed(app, ALICE)
    app.wire.clear()
    await press(app, data)
    assert [c.method for c in app.wire.calls] == ["answerCallbackQuery"]
    assert await stored(app, ALICE) == alice


# --- /summary -------------------------------------------------------------------------------


async def test_summary_offers_periods_then_sends_a_pdf(app: Wired) -> None:
    """/summary asks for the period; the choice comes back as a PDF file with a chart."""
    await seed(app, ALICE)
    await send(app, "/summary")
    buttons = app.wire.last_buttons()
    assert [d for _, d in buttons] == ["sum:30", "sum:90", "sum:all", "sum:cancel"]
    assert buttons[2][0] == "Whole pregnancy"
    await press(app, "sum:all")
    method, name, pdf = files(app)[-1]
    assert method == "sendDocument" and name == "checkin-summary-2026-06-01.pdf"
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 40_000  # the fonts and the chart are embedded
    assert (await app.core.storage.audit_events())[-1]["action"] == "summary"


async def test_summary_of_a_period_without_check_ins_says_so(
    app: Wired, quick_charts: None
) -> None:
    """A period with no check-ins gives a short message, not an empty PDF."""
    await seed(app, ALICE)
    app.core.deps.clock.travel(app.core.deps.clock.now().replace(month=9))  # type: ignore[attr-defined]
    await press(app, "sum:30")
    assert files(app) == []
    assert "no check-ins in that period" in app.wire.texts()[-1]


async def test_the_summary_period_picker_can_be_cancelled(app: Wired) -> None:
    """Cancel under the period picker stops there: "OK, stopped." in its place, no file."""
    await seed(app, ALICE)
    await send(app, "/summary")
    assert app.wire.last_buttons()[-1] == ("✖️ Cancel", "sum:cancel")
    app.wire.clear()
    await press(app, "sum:cancel")
    [edit] = app.wire.sent("editMessageText")
    assert edit.params["text"] == "OK, stopped." and not edit.params.get("reply_markup")
    assert files(app) == []


def test_summary_is_in_the_command_menu(app: Wired) -> None:
    """/summary is a published command with a menu description."""
    assert "summary" in COMMANDS
    assert app.core.catalog.t("en", "commands.summary")


# --- /export --------------------------------------------------------------------------------


async def test_export_equals_exactly_what_storage_holds(app: Wired) -> None:
    """/export sends a JSON file whose user part equals the stored document, and a CSV."""
    await seed(app, ALICE)
    await seed(app, BOB, fresh_ids=True)
    await send(app, "/export")
    uploads = files(app)
    assert [(m, n.rsplit(".", 1)[-1]) for m, n, _ in uploads] == [
        ("sendDocument", "json"),
        ("sendDocument", "csv"),
    ]
    exported = json.loads(uploads[0][2])
    assert exported["export_schema"] == 1
    assert exported["user"] == await stored(app, ALICE)
    rows = list(csv.DictReader(io.StringIO(uploads[1][2].decode("utf-8-sig"))))
    assert [r["Record id"] for r in rows] == [c["id"] for c in exported["user"]["checkins"]]


async def test_export_contains_nothing_of_another_user(app: Wired) -> None:
    """Neither of Alice's files contains Bob's key, chat id or any of his record ids."""
    await seed(app, ALICE)
    bob = await seed(app, BOB, fresh_ids=True)
    await send(app, "/export")
    await press(app, "del:cy:" + bob["checkins"][0]["id"])  # an audit event of Bob's
    await send(app, "/export", user=BOB)
    alice_files = b"".join(data for _, _, data in files(app)[:2])
    markers = [bob["key"], str(BOB), *(c["id"] for c in bob["checkins"])]
    assert [m for m in markers if m.encode() in alice_files] == []
    bob_files = b"".join(data for _, _, data in files(app)[2:])
    assert bob["checkins"][0]["id"].encode() in bob_files


async def test_export_lists_the_users_own_audit_events(app: Wired) -> None:
    """The export includes the audit events about the user (action and time, no content)."""
    await seed(app, ALICE)
    await send(app, "/export")
    await send(app, "/export")
    second = json.loads(files(app)[2][2])
    assert [e["action"] for e in second["audit_events"]] == ["export"]


@pytest.mark.parametrize("command", ["/history", "/summary", "/export", "/delete"])
async def test_account_commands_without_consent_store_nothing(app: Wired, command: str) -> None:
    """Before consent these commands say nothing is stored, and store nothing."""
    await send(app, command, user=STRANGER)
    assert "nothing stored" in app.wire.texts()[-1]
    assert await app.core.storage.count_users() == 0
