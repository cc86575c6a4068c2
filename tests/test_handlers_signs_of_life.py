"""Signs of life: the upload chat action before a chart, a PDF or an export, and a button
that makes a file answered before the work. The real PTB Application at the wire."""

from __future__ import annotations

from tests.conftest import Wired
from tests.support.checkin_walk import NORMAL_AT_30_WEEKS
from tests.test_handlers_flow import onboard_pregnant, press, send, walk_checkin


async def with_one_checkin(w: Wired) -> None:
    await onboard_pregnant(w, "30")
    await walk_checkin(w, NORMAL_AT_30_WEEKS)
    w.wire.clear()


def methods(w: Wired) -> list[str]:
    return [c.method for c in w.wire.calls]


def action_before(w: Wired, action: str, method: str) -> bool:
    """True when the chat action ``action`` was shown before the first ``method`` call."""
    calls = w.wire.calls
    shown = [i for i, c in enumerate(calls) if c.method == "sendChatAction"]
    made = [i for i, c in enumerate(calls) if c.method == method]
    return (
        bool(shown and made) and calls[shown[0]].params["action"] == action and (shown[0] < made[0])
    )


async def test_history_shows_uploading_a_photo_before_the_chart(wired: Wired) -> None:
    """/history shows "sending a photo" before the chart arrives."""
    await with_one_checkin(wired)
    await send(wired, "/history")
    assert action_before(wired, "upload_photo", "sendPhoto")


async def test_export_shows_uploading_a_document_before_the_files(wired: Wired) -> None:
    """/export shows "sending a file" before the first file arrives."""
    await with_one_checkin(wired)
    await send(wired, "/export")
    assert action_before(wired, "upload_document", "sendDocument")


async def test_the_summary_button_is_answered_before_the_pdf_is_made(wired: Wired) -> None:
    """The summary's period button stops spinning first, then the PDF comes."""
    await with_one_checkin(wired)
    await press(wired, "sum:30")
    order = methods(wired)
    assert order.index("answerCallbackQuery") < order.index("sendChatAction")
    assert action_before(wired, "upload_document", "sendDocument")
    assert order.count("answerCallbackQuery") == 1


async def test_a_quick_button_gets_no_upload_action(wired: Wired) -> None:
    """A button that makes no file shows no upload sign."""
    await with_one_checkin(wired)
    await press(wired, "topics")
    assert "sendChatAction" not in methods(wired)


async def test_a_notice_for_an_early_answered_button_is_said_in_the_chat(wired: Wired) -> None:
    """A file button that turns out not available says so in the chat, as it was answered."""
    await press(wired, "sum:30")
    assert methods(wired).count("answerCallbackQuery") == 1
    assert wired.wire.texts() and "not available" in wired.wire.texts()[-1].lower()
