"""``python -m bot reminders plan``: the UTC instants the scheduler will use, one per line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.commands.reminders_cmd import run

ROOT = Path(__file__).resolve().parent.parent
# Valid input; each bad-input case changes one option (None leaves it out).
GOOD = {"--tz": "Europe/Berlin", "--time": "09:00", "--from": "2026-06-10", "--days": "1"}


def plan(*argv: str) -> tuple[int, str, str]:
    """Run ``reminders plan ARGV`` in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["plan", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def instants(tz: str, time: str, start: str, days: int) -> list[str]:
    """The lines of a plan for valid input, which must succeed with nothing on stderr."""
    code, out, err = plan("--tz", tz, "--time", time, "--from", start, "--days", str(days))
    assert (code, err) == (0, "")
    return out.splitlines()


def argv_with(changes: dict[str, str | None]) -> list[str]:
    """``GOOD`` as arguments, with some options changed or (None) left out."""
    options = {**GOOD, **changes}
    return [
        part for option, value in options.items() if value is not None for part in (option, value)
    ]


def plan_in_a_process(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bot reminders plan ARGV`` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "reminders", "plan", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_plan_prints_one_utc_instant_per_local_day() -> None:
    """Three ordinary summer days at 09:00 Berlin are 07:00Z each."""
    assert instants("Europe/Berlin", "09:00", "2026-06-10", 3) == [
        "2026-06-10T07:00:00Z",
        "2026-06-11T07:00:00Z",
        "2026-06-12T07:00:00Z",
    ]


def test_plan_on_spring_forward_day_uses_the_end_of_the_gap() -> None:
    """02:30 does not exist in Berlin on 2026-03-29: the plan shows 03:00 CEST (01:00Z)."""
    assert instants("Europe/Berlin", "02:30", "2026-03-28", 3) == [
        "2026-03-28T01:30:00Z",
        "2026-03-29T01:00:00Z",
        "2026-03-30T00:30:00Z",
    ]


def test_plan_on_fall_back_day_lists_the_repeated_time_once() -> None:
    """01:30 happens twice in New York on 2026-11-01: one line, the first (EDT) occurrence."""
    assert instants("America/New_York", "01:30", "2026-10-31", 3) == [
        "2026-10-31T05:30:00Z",
        "2026-11-01T05:30:00Z",
        "2026-11-02T06:30:00Z",
    ]


def test_plan_follows_the_offset_change_for_an_ordinary_time() -> None:
    """09:00 in New York moves from 14:00Z to 13:00Z across 2026-03-08."""
    assert instants("America/New_York", "09:00", "2026-03-07", 2) == [
        "2026-03-07T14:00:00Z",
        "2026-03-08T13:00:00Z",
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"--tz": "Mars/Olympus"}, "unknown time zone", id="unknown-zone"),
        pytest.param({"--tz": "+02:00"}, "unknown time zone", id="fixed-offset"),
        pytest.param({"--time": "25:99"}, "time must", id="bad-time"),
        pytest.param({"--time": "9am"}, "time must", id="am-pm"),
        pytest.param({"--from": "2026-02-30"}, "date must", id="no-such-date"),
        pytest.param({"--from": "10.06.2026"}, "date must", id="dotted-date"),
        pytest.param({"--days": "0"}, "days must", id="zero-days"),
        pytest.param({"--days": "x"}, "days must", id="days-nan"),
        pytest.param({"--days": None}, "required", id="missing-days"),
    ],
)
def test_bad_input_exits_non_zero_with_one_clear_line(
    changes: dict[str, str | None], message: str
) -> None:
    """Each kind of bad input gives exit 2, nothing on stdout and one error line on stderr."""
    code, out, err = plan(*argv_with(changes))
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ") and message in err


def test_module_entry_point_prints_the_plan() -> None:
    """``python -m bot reminders plan`` in a real process prints the same lines."""
    result = plan_in_a_process(*argv_with({"--time": "02:30", "--from": "2026-10-25"}))
    assert (result.returncode, result.stdout) == (0, "2026-10-25T00:30:00Z\n")


def test_module_entry_point_rejects_an_unknown_zone() -> None:
    """An unknown zone in a real process exits non-zero with the reason on stderr."""
    result = plan_in_a_process(*argv_with({"--tz": "Mars/Olympus"}))
    assert result.returncode != 0
    assert "unknown time zone" in result.stderr
