"""The user's own data: ``/history`` with its chart, ``/summary`` (a PDF for a midwife or
doctor), ``/export`` (JSON and CSV files) and ``/delete`` (erasure on request).

This module routes commands and buttons; each use case has its own module: ``history``,
``chart``, ``summary``, ``export`` and ``erase``, over ``periods`` (which days a chart or
summary covers) and ``words`` (a check-in in the user's words).

Every button that names a record carries the record's opaque random id (``CheckIn.id``), never
a position or storage row, and the id is looked up only inside the pressing user's own
document; an id that is not there gets "not available", an ``authz_denied`` audit event and
no other effect, so a forged button can neither read nor change anyone's data (RELIABILITY
S1, D9). Charts and PDFs are drawn in a worker thread, off the event loop.

Button data: ``hist`` (history with chart), ``hist:p:<page>`` (another page, in place),
``hist:chart:<range>``, ``del:yes`` / ``del:no`` (erase everything), ``del:c:<id>`` /
``del:cy:<id>`` / ``del:cn`` (one check-in), ``sum`` / ``sum:<range>``, ``exp``.
Ranges: ``30`` and ``90`` days, or ``all`` (the whole pregnancy when there is one).
"""

from __future__ import annotations

from typing import Literal

from bot.services.account.chart import send_chart
from bot.services.account.erase import erase, on_record
from bot.services.account.export import export
from bot.services.account.history import show_history, show_page
from bot.services.account.periods import RANGES
from bot.services.account.summary import ask_summary, send_summary
from bot.services.turn import Turn

UploadAction = Literal["upload_photo", "upload_document"]


def upload_action(command: str, data: str) -> UploadAction | None:
    """What the user should see while a file is made for this command or button data: the
    chart (a photo) or the summary and export (documents); None for anything quick.

    Adapters show it (Telegram's chat action) before the work starts, so a wait of a second
    or two has a sign of life."""
    if command in ("history", "export"):
        return "upload_photo" if command == "history" else "upload_document"
    if data in ("hist", "hist:0", "cmd:history") or data.startswith("hist:chart:"):
        return "upload_photo"
    if data in ("exp", "cmd:export") or (data.startswith("sum:") and data[4:] in RANGES):
        return "upload_document"
    return None


async def on_command(turn: Turn, name: str) -> None:
    """``/history``, ``/summary``, ``/export``, ``/delete`` and ``/delete_my_data``."""
    if turn.doc is None or turn.doc.consent_at is None:
        # The same words as every other command that needs consent (after /delete too).
        turn.say(turn.t("onboarding.consent_needed"))
        return
    if not await turn.load_history():
        turn.say(turn.t("errors.generic"))
        return
    if name == "history":
        await show_history(turn)
    elif name == "summary":
        ask_summary(turn)
    elif name == "export":
        await export(turn)
    else:
        turn.say(
            turn.t("account.delete_confirm"),
            [[turn.button("btn.yes_delete", "del:yes")], [turn.button("btn.keep", "del:no")]],
        )


async def on_button(turn: Turn, prefix: str, parts: list[str]) -> None:
    """Buttons with the ``hist``, ``del``, ``sum`` and ``exp`` prefixes."""
    if not await turn.load_history():
        turn.toast = turn.t("errors.generic")
        return
    if prefix == "del" and len(parts) == 2 and parts[0] in ("c", "cy"):
        await on_record(turn, parts[0], parts[1])
        return
    if turn.doc is None or turn.doc.consent_at is None:
        turn.toast = turn.t("errors.not_available")
        return
    if prefix == "hist" and parts in ([], ["0"]):
        await show_history(turn)
    elif prefix == "hist" and len(parts) == 2 and parts[0] == "p":
        show_page(turn, _int(parts[1]), edit=True)
    elif prefix == "hist" and len(parts) == 2 and parts[0] == "chart" and parts[1] in RANGES:
        await send_chart(turn, parts[1])
    elif prefix == "del" and parts == ["yes"]:
        await erase(turn)
    elif prefix == "del" and parts == ["no"]:
        turn.say(turn.t("account.delete_kept"), edit=True)
    elif prefix == "del" and parts == ["cn"]:
        show_page(turn, 0, edit=True)
    elif prefix == "sum" and not parts:
        ask_summary(turn)
    elif prefix == "sum" and parts == ["cancel"]:
        turn.say(turn.t("misc.cancelled"), edit=True)
    elif prefix == "sum" and len(parts) == 1 and parts[0] in RANGES:
        await send_summary(turn, parts[0])
    elif prefix == "exp" and not parts:
        await export(turn)
    else:
        turn.toast = turn.t("errors.not_available")


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0
