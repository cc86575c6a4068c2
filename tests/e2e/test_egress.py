"""E2E: the bot process reaches nothing but the Telegram Bot API (RELIABILITY P6).

The whole scenario (``tests/e2e/egress_scenario.py``: onboarding, check-ins, typed questions,
reminder settings and a delivered reminder, history chart, summary PDF, export, delete) runs
with ``python -m bot run`` under the egress probe (``tests/support/egress_probe.py``), which
records every socket connect, datagram, name lookup, bind, stdlib client and new process
from inside the bot process. The only destination allowed is the fake Bot API's
``127.0.0.1:<port>`` (in production: ``api.telegram.org:443``); the e2e tier runs TinyDB, so
there is no database connection either.

Where ``unshare -n`` is permitted, the same scenario also runs inside a fresh network
namespace that has nothing but loopback, proving the bot needs nothing outside to work.
The probe's self-tests show it does catch egress, so the checks above can fail.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e import REPO
from tests.e2e.egress_scenario import (
    REQUIRED_METHODS,
    ScenarioResult,
    run_probed_scenario,
)
from tests.support.egress_probe import Attempt, read_log, violations

pytestmark = pytest.mark.e2e

SCENARIO_TIMEOUT = 120.0


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> ScenarioResult:
    """One run of the full scenario with the bot under the probe, in this network."""
    work = tmp_path_factory.mktemp("egress")
    return asyncio.run(asyncio.wait_for(run_probed_scenario(work), SCENARIO_TIMEOUT))


def _unshare_refusal() -> str | None:
    """Why a network namespace cannot be made here, or None when it can."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return "unshare(1) is not available"
    try:
        done = subprocess.run(
            ["unshare", "-n", "--", "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unshare -n failed: {exc}"
    if done.returncode != 0:
        return "unshare -n is not permitted: " + done.stderr.decode(errors="replace").strip()
    return None


@pytest.fixture(scope="module")
def namespaced(tmp_path_factory: pytest.TempPathFactory) -> ScenarioResult:
    """One run of the full scenario, fake and bot both inside a loopback-only namespace."""
    refusal = _unshare_refusal()
    if refusal is not None:
        pytest.skip(refusal)
    out = tmp_path_factory.mktemp("egress-netns") / "result.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = ["unshare", "-n", "--", sys.executable, "-m", "tests.e2e.egress_scenario"]
    done = subprocess.run(
        [*command, "--netns", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=SCENARIO_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-5000:]
    return ScenarioResult.from_json(out.read_text(encoding="utf-8"))


def _show(attempts: list[Attempt]) -> str:
    return "\n".join(a.to_json() for a in attempts[:50])


# --- the scenario in this network -------------------------------------------------------------


def test_scenario_exercised_every_feature(probed: ScenarioResult) -> None:
    """The probed run really served the scenario: every kind of request, the chart, the PDF,
    both export files and the scheduled reminder, and it stopped cleanly."""
    assert set(probed.methods) >= REQUIRED_METHODS, probed.stderr_tail
    suffixes = {Path(name).suffix for name in probed.files_sent}
    assert {".png", ".pdf", ".json", ".csv"} <= suffixes
    assert probed.reminder_delivered, probed.stderr_tail
    assert probed.exit_code == 0, probed.stderr_tail


def test_probe_saw_the_bots_own_connections(probed: ScenarioResult) -> None:
    """The probe recorded the bot's connections to the fake Bot API (it was really watching)."""
    host, port = probed.allowed[0]
    assert any(a.kind == "connect" and (a.host, a.port) == (host, port) for a in probed.attempts), (
        _show(probed.attempts)
    )


def test_no_connection_or_datagram_goes_anywhere_but_the_bot_api(probed: ScenarioResult) -> None:
    """Every TCP connect and every datagram of the bot is to the fake Bot API's host:port."""
    sends = [a for a in probed.attempts if a.kind in ("connect", "send")]
    assert violations(sends, probed.allowed) == []


def test_no_name_is_looked_up_but_the_bot_apis(probed: ScenarioResult) -> None:
    """The bot resolves no host name but the Bot API's (no analytics, CDN or crash reporter)."""
    lookups = [a for a in probed.attempts if a.kind in ("lookup", "reverse")]
    assert violations(lookups, probed.allowed) == []


def test_nothing_else_reaches_out(probed: ScenarioResult) -> None:
    """No bind, Unix-socket connect, stdlib client or child process (which would escape the
    probe) happens during the whole scenario."""
    assert violations(probed.attempts, probed.allowed) == []


# --- the scenario in a network namespace with only loopback ---------------------------------


def test_namespace_has_only_loopback_and_the_outside_is_unreachable(
    namespaced: ScenarioResult,
) -> None:
    """Inside the namespace only ``lo`` exists and an outside address cannot be reached."""
    assert namespaced.namespace["interfaces"] == ["lo"]
    assert namespaced.namespace["outside_errno"] == "ENETUNREACH"


def test_scenario_works_with_nothing_outside_reachable(namespaced: ScenarioResult) -> None:
    """With no route out, the bot still serves the whole scenario and stops cleanly."""
    assert set(namespaced.methods) >= REQUIRED_METHODS, namespaced.stderr_tail
    assert namespaced.reminder_delivered, namespaced.stderr_tail
    assert namespaced.exit_code == 0, namespaced.stderr_tail


def test_in_the_namespace_too_only_the_bot_api_is_contacted(namespaced: ScenarioResult) -> None:
    """The probe's records of the namespaced run show the Bot API and nothing else."""
    assert any(a.kind == "connect" for a in namespaced.attempts)
    assert violations(namespaced.attempts, namespaced.allowed) == []


# --- the probe catches egress ---------------------------------------------------------------

ALLOWED = [("127.0.0.1", 9)]


def _probe(code: str, log: Path, *, block: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``code`` under the probe (in blocking mode when ``block``)."""
    allow = ["--allow", "127.0.0.1:9"] if block else []
    return subprocess.run(
        [sys.executable, "-m", "tests.support.egress_probe", "--log", str(log), *allow, "-c", code],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_probe_records_and_refuses_a_connect_to_an_outside_address(tmp_path: Path) -> None:
    """A connect to 192.0.2.1:443 is recorded as a violation, and in blocking mode it is
    refused before any packet leaves."""
    log = tmp_path / "egress.jsonl"
    code = (
        "import socket\n"
        "s = socket.socket()\n"
        "s.settimeout(1)\n"
        "try:\n"
        "    s.connect(('192.0.2.1', 443))\n"
        "except PermissionError:\n"
        "    print('refused')\n"
    )
    done = _probe(code, log, block=True)
    assert done.stdout.strip() == "refused", done.stderr
    found = violations(read_log(log), ALLOWED)
    assert [(a.kind, a.host, a.port) for a in found] == [("connect", "192.0.2.1", 443)]


def test_probe_records_a_lookup_of_another_host_made_in_an_asyncio_worker_thread(
    tmp_path: Path,
) -> None:
    """A name lookup through asyncio (run in an executor thread, as HTTP clients do) is
    recorded with the host name, even though it never resolves."""
    log = tmp_path / "egress.jsonl"
    code = (
        "import asyncio, socket\n"
        "async def main():\n"
        "    try:\n"
        "        await asyncio.get_running_loop().getaddrinfo(\n"
        "            'analytics.egress-canary.invalid', 443, flags=socket.AI_NUMERICHOST)\n"
        "    except OSError:\n"
        "        pass\n"
        "asyncio.run(main())\n"
    )
    done = _probe(code, log)
    assert done.returncode == 0, done.stderr
    found = violations(read_log(log), ALLOWED)
    assert [(a.kind, a.host) for a in found] == [("lookup", "analytics.egress-canary.invalid")]
    assert found[0].thread != "MainThread"


def test_probe_records_a_connect_to_another_local_port(tmp_path: Path) -> None:
    """In recording mode a connect to a loopback port that is not the allowed one is a
    violation too (only the exact host:port of the Bot API passes)."""
    log = tmp_path / "egress.jsonl"
    code = "import socket\ns = socket.socket()\ns.connect_ex(('127.0.0.1', 1))\ns.close()\n"
    done = _probe(code, log)
    assert done.returncode == 0, done.stderr
    found = violations(read_log(log), ALLOWED)
    assert [(a.kind, a.host, a.port) for a in found] == [("connect", "127.0.0.1", 1)]


def test_probe_records_a_datagram_to_another_address(tmp_path: Path) -> None:
    """A UDP datagram (as a hand-rolled DNS or telemetry client would send) is recorded."""
    log = tmp_path / "egress.jsonl"
    code = (
        "import socket\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "try:\n"
        "    s.sendto(b'x', ('192.0.2.1', 53))\n"
        "except PermissionError:\n"
        "    pass\n"
    )
    done = _probe(code, log, block=True)
    assert done.returncode == 0, done.stderr
    found = violations(read_log(log), ALLOWED)
    assert [(a.kind, a.host, a.port) for a in found] == [("send", "192.0.2.1", 53)]


def test_probe_records_a_child_process(tmp_path: Path) -> None:
    """A child process, which would run without the probe's hook, is reported."""
    log = tmp_path / "egress.jsonl"
    code = "import subprocess, sys\nsubprocess.run([sys.executable, '-c', 'pass'], check=True)\n"
    done = _probe(code, log)
    assert done.returncode == 0, done.stderr
    assert [a.kind for a in violations(read_log(log), ALLOWED)] == ["process"]


def test_probe_passes_the_allowed_destination(tmp_path: Path) -> None:
    """A connect to the allowed host:port is recorded but is no violation."""
    log = tmp_path / "egress.jsonl"
    code = "import socket\ns = socket.socket()\ns.connect_ex(('127.0.0.1', 9))\ns.close()\n"
    done = _probe(code, log, block=True)
    assert done.returncode == 0, done.stderr
    attempts = read_log(log)
    assert [(a.kind, a.port) for a in attempts] == [("connect", 9)]
    assert violations(attempts, ALLOWED) == []
