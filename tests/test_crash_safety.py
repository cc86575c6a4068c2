"""kill -9 during a stream of saves loses no acknowledged write and breaks no file (D1, D2a)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.storage.jsonl import read_records

REPO = Path(__file__).resolve().parents[1]
WRITER = REPO / "tests" / "helpers" / "crash_writer.py"
KILLS = 20


def run_and_kill(data_dir: Path, seed: int, rng: random.Random) -> dict[str, int]:
    """Start the writer, SIGKILL it at a random moment, return the highest acked version per key."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    assert ready == "ready\n", proc.stderr.read() if proc.stderr else ""
    time.sleep(rng.uniform(0.02, 0.35))
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=10)
    acked: dict[str, int] = {}
    for line in out.splitlines(keepends=True):
        if not line.endswith("\n"):
            continue  # torn by the kill mid-print: never acknowledged
        key, version = line.split()
        acked[key] = max(acked.get(key, 0), int(version))
    return acked


def kill_repeatedly(data_dir: Path, seed: int) -> dict[str, int]:
    """KILLS runs of the writer, each SIGKILLed; the highest acknowledged version per key."""
    rng = random.Random(seed)
    acked: dict[str, int] = {}
    for run in range(KILLS):
        for key, version in run_and_kill(data_dir, run, rng).items():
            acked[key] = max(acked.get(key, 0), version)
    return acked


def test_kill_9_loses_no_acknowledged_write(tmp_path: Path) -> None:
    """Over 20 SIGKILLs every user file parses and holds at least its last acknowledged version."""
    data_dir = tmp_path / "data"
    acked = kill_repeatedly(data_dir, 1234)
    stored = {}
    for path in (data_dir / "users").glob("*.json"):
        with path.open() as handle:
            stored[path.stem] = json.load(handle)["user"]["1"]["version"]
    assert sum(acked.values()) > KILLS  # the writer did real work between kills
    assert {k: v for k, v in acked.items() if stored.get(k, 0) < v} == {}


def test_kill_9_loses_no_acknowledged_history_record(tmp_path: Path) -> None:
    """Over 20 SIGKILLs every history record appended by an acknowledged save is stored."""
    data_dir = tmp_path / "data"
    acked = kill_repeatedly(data_dir, 4321)
    lost = []
    for key, version in acked.items():
        ids = {r["id"] for r in read_records(data_dir / "history" / f"{key}.jsonl", key)}
        lost += [v for v in range(1, version + 1) if f"{key}-{v}" not in ids]
    assert sum(acked.values()) > KILLS
    assert lost == []
