"""Static checks of the source (RELIABILITY D8, S3, U4, U5): things that must never be written.

Each reads the code under ``bot/`` as text, so a later change that brings one of these back
fails here: pickle anywhere (nothing pickle-loadable may ever hold user data), templates
built from strings (user text must only ever be template data), dropping the pending updates
on start, and polling for update types the bot does not handle.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.tg.polling import ALLOWED_UPDATES

SOURCE = Path(__file__).resolve().parents[2] / "bot"


def hits(pattern: str) -> list[str]:
    """``file:line`` of every line of ``bot/**/*.py`` matching ``pattern``."""
    regex = re.compile(pattern)
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if regex.search(line):
                found.append(f"{path.relative_to(SOURCE.parent)}:{number}")
    return found


def test_the_search_sees_the_source() -> None:
    """The checks below look at real code (a wrong path would make them pass vacuously)."""
    assert hits(r"^from __future__ import annotations$")


def test_nothing_uses_pickle() -> None:
    """No pickle, no PicklePersistence: user data is only ever JSON (D8)."""
    assert hits(r"\bpickle\b|PicklePersistence|\bshelve\b|\bmarshal\b") == []


def test_no_template_is_built_from_a_string() -> None:
    """Templates come from packaged files only; none is compiled from a string (S3, F7)."""
    assert hits(r"from_string\(|\bTemplate\(|\bcompile_expression\(") == []


def test_pending_updates_are_never_dropped() -> None:
    """Every deleteWebhook / setWebhook keeps the backlog (U4)."""
    assert hits(r"drop_pending_updates\s*=\s*True") == []
    assert len(hits(r"drop_pending_updates\s*=\s*False")) >= 2


def test_only_handled_update_types_are_asked_for() -> None:
    """Polling and the webhook ask Telegram for messages, buttons and membership only (U5)."""
    assert sorted(ALLOWED_UPDATES) == ["callback_query", "message", "my_chat_member"]
