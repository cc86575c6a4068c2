"""``python -m bot reminders plan``: the UTC instants the scheduler will use, one per line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.commands.reminders_cmd import run

ROOT = Path(__file__).resolve().parent.parent


def plan(*argv: str) -> tuple[int, str, str]:
    """Run ``reminders plan ARGV`` in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["plan", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_plan_prints_one_utc_instant_per_local_day() -> None:
    """Three ordinary summer days at 09:00 Berlin are 07:00Z each."""
    code, out, err = plan(
        "--tz", "Europe/Berlin", "--time", "09:00", "--from", "2026-06-10", "--days", "3"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "2026-06-10T07:00:00Z",
        "2026-06-11T07:00:00Z",
        "2026-06-12T07:00:00Z",
    ]


def test_plan_on_spring_forward_day_uses_the_end_of_the_gap() -> None:
    """02:30 does not exist in Berlin on 2026-03-29: the plan shows 03:00 CEST (01:00Z)."""
    _, out, _ = plan(
        "--tz", "Europe/Berlin", "--time", "02:30", "--from", "2026-03-28", "--days", "3"
    )
    assert out.splitlines() == [
        "2026-03-28T01:30:00Z",
        "2026-03-29T01:00:00Z",
        "2026-03-30T00:30:00Z",
    ]


def test_plan_on_fall_back_day_lists_the_repeated_time_once() -> None:
    """01:30 happens twice in New York on 2026-11-01: one line, the first (EDT) occurrence."""
    _, out, _ = plan(
        "--tz", "America/New_York", "--time", "01:30", "--from", "2026-10-31", "--days", "3"
    )
    assert out.splitlines() == [
        "2026-10-31T05:30:00Z",
        "2026-11-01T05:30:00Z",
        "2026-11-02T06:30:00Z",
    ]


def test_plan_follows_the_offset_change_for_an_ordinary_time() -> None:
    """09:00 in New York moves from 14:00Z to 13:00Z across 2026-03-08."""
    _, out, _ = plan(
        "--tz", "America/New_York", "--time", "09:00", "--from", "2026-03-07", "--days", "2"
    )
    assert out.splitlines() == ["2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--tz", "Mars/Olympus", "--time", "09:00", "--from", "2026-06-10", "--days", "1"],
            "unknown time zone",
        ),
        (
            ["--tz", "+02:00", "--time", "09:00", "--from", "2026-06-10", "--days", "1"],
            "unknown time zone",
        ),
        (
            ["--tz", "Europe/Berlin", "--time", "25:99", "--from", "2026-06-10", "--days", "1"],
            "time must",
        ),
        (
            ["--tz", "Europe/Berlin", "--time", "9am", "--from", "2026-06-10", "--days", "1"],
            "time must",
        ),
        (
            ["--tz", "Europe/Berlin", "--time", "09:00", "--from", "2026-02-30", "--days", "1"],
            "date must",
        ),
        (
            ["--tz", "Europe/Berlin", "--time", "09:00", "--from", "10.06.2026", "--days", "1"],
            "date must",
        ),
        (
            ["--tz", "Europe/Berlin", "--time", "09:00", "--from", "2026-06-10", "--days", "0"],
            "days must",
        ),
        (
            ["--tz", "Europe/Berlin", "--time", "09:00", "--from", "2026-06-10", "--days", "x"],
            "days must",
        ),
        (["--tz", "Europe/Berlin", "--time", "09:00", "--from", "2026-06-10"], "required"),
    ],
    ids=[
        "unknown-zone",
        "fixed-offset",
        "bad-time",
        "am-pm",
        "no-such-date",
        "dotted-date",
        "zero-days",
        "days-nan",
        "missing-days",
    ],
)
def test_bad_input_exits_non_zero_with_one_clear_line(argv: list[str], message: str) -> None:
    """Each kind of bad input gives exit 2, nothing on stdout and one error line on stderr."""
    code, out, err = plan(*argv)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ") and message in err


def test_module_entry_point_prints_the_plan() -> None:
    """``python -m bot reminders plan`` in a real process prints the same lines."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "reminders",
            "plan",
            "--tz",
            "Europe/Berlin",
            "--time",
            "02:30",
            "--from",
            "2026-10-25",
            "--days",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "2026-10-25T00:30:00Z\n")


def test_module_entry_point_rejects_an_unknown_zone() -> None:
    """An unknown zone in a real process exits non-zero with the reason on stderr."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "reminders",
            "plan",
            "--tz",
            "Mars/Olympus",
            "--time",
            "09:00",
            "--from",
            "2026-06-10",
            "--days",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "unknown time zone" in result.stderr
