"""Erasure on request: everything (``/delete``), or one check-in picked from the history by
its opaque random id, looked up only inside the pressing user's own document.
"""

from __future__ import annotations

import logging
import re

from bot.domain.models import CheckIn
from bot.services.account.words import long_date
from bot.services.turn import Turn
from bot.storage.base import StorageError

log = logging.getLogger("bot.account")
RECORD_ID = re.compile(r"[0-9a-f]{16,40}")


def _find(turn: Turn, record_id: str) -> CheckIn | None:
    """The caller's own check-in with this id; None for anything else."""
    if turn.doc is None or turn.doc.consent_at is None or not RECORD_ID.fullmatch(record_id):
        return None
    return next((c for c in turn.doc.checkins if c.id == record_id), None)


async def on_record(turn: Turn, action: str, record_id: str) -> None:
    record = _find(turn, record_id)
    if record is None:
        # Someone else's id, a deleted one or garbage: all look the same from here.
        await turn.audit("authz_denied")
        turn.toast = turn.t("errors.not_available")
        return
    assert turn.doc is not None
    date = long_date(turn, record.local_date)
    if action == "c":
        turn.say(
            turn.t("account.delete_one_confirm", date=date, level=turn.t(f"level.{record.level}")),
            [
                [turn.button("btn.yes_delete_one", f"del:cy:{record.id}")],
                [turn.button("btn.keep_one", "del:cn")],
            ],
            edit=True,
        )
        return
    turn.doc.checkins = [c for c in turn.doc.checkins if c.id != record.id]
    turn.touch()
    saved = await turn.commit_saying(
        lambda: turn.say(
            turn.t("account.delete_one_done", date=date),
            [[turn.button("btn.history", "hist:p:0")]],
            edit=True,
        ),
        lambda: turn.say(turn.t("errors.not_saved"), edit=True),
    )
    if saved:
        await turn.audit("delete_checkin")


async def erase(turn: Turn) -> None:
    """Erase everything of the user, stop reminders, and confirm."""
    try:
        deleted = await turn.deps.storage.delete_user(turn.key)
    except StorageError as exc:
        log.error("delete_failed", extra={"user": turn.log_id, "error": type(exc).__name__})
        turn.say(turn.t("account.delete_failed"), edit=True)
        return
    turn.doc = None
    turn.deleted = True
    await turn.deps.reminders_changed(turn.key)
    await turn.audit("delete")
    turn.say(turn.t("account.deleted") if deleted else turn.t("account.nothing_stored"), edit=True)
