"""Fixtures of the e2e tier: a fake Bot API on loopback and the bot running as a process.

Two scopes: ``shared_bot`` is one bot process for the whole tier (conversation tests play
different users against it, which keeps the tier fast: a start costs 2-5 s), while ``bot``
is a fresh process per test for tests that stop, restart or otherwise end it. Every process
is stopped (SIGTERM, then SIGKILL) in teardown whatever happened, and a failed test's report
carries the stderr (the JSON log lines) of the processes it used.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Generator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.e2e import NO_FLOOD_GATE, BotProcess, User, spawn_bot, wait_polling
from tests.fakes.bot_api import FakeBotAPI

_PROCESSES = pytest.StashKey[list[BotProcess]]()
_user_ids = itertools.count(5_550_001)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach the stderr of every bot process the test used to its failure report."""
    report = yield
    if report.failed:
        used: list[BotProcess] = [*item.stash.get(_PROCESSES, [])]
        funcargs = getattr(item, "funcargs", {})
        used += [value for value in funcargs.values() if isinstance(value, BotProcess)]
        for process in {id(p): p for p in used}.values():
            report.sections.append(
                (f"{process.name} stderr (pid {process.pid})", process.stderr() or "(empty)")
            )
    return report


# --- one bot per test ------------------------------------------------------------------------


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """A fresh fake Bot API on 127.0.0.1 (any free port)."""
    async with FakeBotAPI() as fake:
        yield fake


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The bot's data directory."""
    return tmp_path / "data"


@pytest.fixture
async def processes(request: pytest.FixtureRequest) -> AsyncIterator[list[BotProcess]]:
    """Processes the test starts; all are stopped in teardown, whatever happened."""
    started: list[BotProcess] = []
    request.node.stash[_PROCESSES] = started
    try:
        yield started
    finally:
        for process in started:
            await process.stop_async(grace=5.0)


@pytest.fixture
def start_bot(
    api: FakeBotAPI, data_dir: Path, tmp_path: Path, processes: list[BotProcess]
) -> Callable[..., BotProcess]:
    """Start ``python -m bot run`` against ``api`` on ``data_dir`` (stopped in teardown),
    without the flood gate's limit unless ``extra_env`` sets one."""
    counter = itertools.count(1)

    def start(**extra_env: str) -> BotProcess:
        env = {**NO_FLOOD_GATE, **extra_env}
        process = spawn_bot(api, data_dir, tmp_path / f"logs-{next(counter)}", **env)
        processes.append(process)
        return process

    return start


@pytest.fixture
async def bot(api: FakeBotAPI, start_bot: Callable[..., BotProcess]) -> BotProcess:
    """A bot process of this test's own, already polling."""
    process = start_bot()
    await wait_polling(api, process)
    return process


# --- one bot per package ----------------------------------------------------------------------


@pytest_asyncio.fixture(scope="package", loop_scope="package")
async def shared_api() -> AsyncIterator[FakeBotAPI]:
    """A fake Bot API shared by the tier's tests (those marked ``loop_scope="package"``)."""
    async with FakeBotAPI() as fake:
        yield fake


@pytest.fixture(scope="package")
def shared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared bot's data directory."""
    return tmp_path_factory.mktemp("shared") / "data"


@pytest_asyncio.fixture(scope="package", loop_scope="package")
async def shared_bot(shared_api: FakeBotAPI, shared_data_dir: Path) -> AsyncIterator[BotProcess]:
    """One bot process for the tier, polling; tests use it through distinct users (without
    the flood gate's limit: no test here is about flood control)."""
    process = spawn_bot(
        shared_api, shared_data_dir, shared_data_dir.parent / "logs", **NO_FLOOD_GATE
    )
    try:
        await wait_polling(shared_api, process)
        yield process
    finally:
        await process.stop_async(grace=5.0)


@pytest.fixture
def new_user(shared_api: FakeBotAPI, shared_bot: BotProcess) -> User:
    """A person the shared bot has never seen."""
    return User(shared_api, next(_user_ids))
