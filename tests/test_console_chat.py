"""The console chat, scripted from a pipe: /start through consent to a completed check-in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Numbers press buttons: consent, "Pregnant", "I know the weeks"; then 20 is typed (the bot
# waits for a number) and the country skipped (7: five countries, "Other country", "Skip").
# In the check-in each question's first option is pressed; multi-select questions need "Done"
# (after the options: 17 for danger signs and context, 11 for pain).
SCRIPT = """/start
1
1
#1
20
7
/checkin
1
17
1
1
1
1
1
1
11
1
1
1
1
1
19
/quit
"""


def run_chat(script: str, data_dir: Path) -> str:
    env = {**os.environ, "BOT_DATA_DIR": str(data_dir)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_scripted_console_chat_completes_a_checkin(tmp_path: Path) -> None:
    """Consent, stage, weeks and a check-in answered by numbers end with a level and 'Saved'."""
    out = run_chat(SCRIPT, tmp_path)
    assert "I agree" in out
    assert "20 weeks pregnant" in out
    assert "No country saved" in out
    assert "Level:" in out
    assert "Saved to your history" in out
    assert list((tmp_path / "users").iterdir())


def test_a_burst_of_piped_input_still_deletes(tmp_path: Path) -> None:
    """The console has no flood gate: /delete after 60 quick lines erases the user's file."""
    burst = "\n".join(["is creamy discharge normal"] * 60)
    out = run_chat(f"/start\n1\n{burst}\n/delete\n1\n/quit\n", tmp_path)
    assert "very fast" not in out
    assert not list((tmp_path / "users").iterdir())
