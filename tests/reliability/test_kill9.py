"""kill -9 in the middle of a burst, again and again (RELIABILITY D1, D2, U1, U2, U3).

A shorter run of ``scripts/fault-injection`` (10 users x 10 answers, 5 kills, then SIGTERM in
the burst and a final drain; about half a minute): the bot as a process against the fake Bot
API, killed at random moments. See ``tests/reliability/fault_injection.py`` for what is
checked after every stop.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.reliability.fault_injection import Plan, Report, run_plan

pytestmark = pytest.mark.e2e

PLAN = Plan(users=10, answers=10, kills=5, seed=20261125)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """One fault-injection run shared by the tests below, which each check one property."""
    return asyncio.run(run_plan(PLAN, tmp_path_factory.mktemp("fault-injection")))


def test_the_run_killed_the_bot_while_it_worked(report: Report) -> None:
    """Every planned SIGKILL happened, most of them after polling had begun."""
    assert report.kills == PLAN.kills, report.summary()
    assert report.kills - report.startup_kills >= 1, report.summary()
    assert report.failures == [], report.summary()


def test_every_acknowledged_answer_is_stored(report: Report) -> None:
    """After every kill, each answer the bot said 'Saved' for is in storage (D1)."""
    assert report.acked > 0
    assert report.lost_acked == set(), report.summary()


def test_every_file_parses_after_every_kill(report: Report) -> None:
    """Every data file parses and every user document validates after every stop (D2)."""
    assert report.checks == PLAN.kills + 2
    assert report.bad_files == [], report.summary()
    assert report.invalid_docs == [], report.summary()


def test_no_update_is_lost(report: Report) -> None:
    """Every confirmed update was processed, and in the end every update was (U1)."""
    assert report.lost_updates == set(), report.summary()


def test_nothing_takes_effect_twice(report: Report) -> None:
    """No update id is stored twice, and no answer is acknowledged more than twice: only a
    reply cut off by a kill between sending and recording it is sent once more (U2, R6)."""
    assert report.duplicate_acks == [], report.summary()
    assert report.duplicate_ids == [], report.summary()
    # A kill can cut off at most one poll batch of replies (BOT_POLL_LIMIT, 10 by default).
    assert report.resent_acks <= report.kills * 10, report.summary()


def test_every_stored_answer_is_acknowledged(report: Report) -> None:
    """A reply lost to a kill after its answer was stored is sent when the update comes again."""
    assert report.acked > 0
    assert report.unanswered == [], report.summary()


def test_sigterm_in_the_burst_exits_zero(report: Report) -> None:
    """SIGTERM while updates are pending ends the process with exit status 0 (U3)."""
    assert report.sigterm_code == 0, report.summary()
    assert report.final_code == 0, report.summary()


def test_no_temp_file_is_left_after_a_clean_stop(report: Report) -> None:
    """Temp files a kill left behind were cleaned at the next start (D2c)."""
    assert report.stray_temp_files == [], report.summary()


def test_no_token_or_name_reaches_any_log(report: Report) -> None:
    """Across every run's logs: no token, no name or username canary (P1, S6)."""
    assert report.leaks == [], report.summary()


def test_the_script_reports_a_pass(report: Report) -> None:
    """The summary the script prints ends in PASS."""
    assert report.ok, report.summary()
    assert report.summary().endswith("RESULT: PASS")


def test_a_plan_that_would_meet_the_flood_gate_is_refused() -> None:
    """Too many answers for too few users would be throttled, so such a plan is refused."""
    with pytest.raises(ValueError, match="10 users"):
        Plan(users=2, answers=25).validate()
