"""The command line: conventional help and version, refused unknown options (exit 2), a
missing token or a bad setting as one line and exit 78, and a network failure at start-up
as one log line and a retry (and Ctrl-C during it as one line and exit 130) instead of a
traceback."""

from __future__ import annotations

import io
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from bot import runner
from bot.__main__ import COMMANDS, main, version
from bot.config import EXIT_CONFIG
from bot.runner import EXIT_INTERRUPTED
from tests.e2e import FAKE_TOKEN, REPO, STARTUP_TIMEOUT

SECRET_LEVEL = "LOUD-7c1e"


class NoStdin(io.StringIO):
    """A stdin that fails the test when anything reads it."""

    def read(self, *args: object) -> str:
        raise AssertionError("stdin was read")

    def readline(self, *args: object) -> str:
        raise AssertionError("stdin was read")

    def __iter__(self) -> NoStdin:
        raise AssertionError("stdin was read")


class Terminal(io.StringIO):
    """A stdin a person types into (a tty), already at its end."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No token or setting from the developer's environment, no .env of the repository."""
    for name in ("TELEGRAM_BOT_TOKEN", "BOT_LOG_LEVEL", "BOT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the program and its version and exits 0."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"python -m bot {version()}"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """--help names each command."""
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


@pytest.mark.parametrize("command", ["faq", "triage"])
def test_stdin_commands_show_help_without_reading_stdin(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """faq --help and triage --help print their usage and never wait for input."""
    monkeypatch.setattr(sys, "stdin", NoStdin())
    assert main([command, "--help"]) == 0
    assert f"python -m bot {command}" in capsys.readouterr().out


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each command answers --help with its usage and exit 0."""
    assert main([command, "--help"]) == 0
    assert "usage:" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [["--webhook"], ["run", "--bogus"], ["faq", "--bogus"], ["triage", "x"], ["serve"], []],
    ids=["option-before-command", "run", "faq", "triage", "unknown-command", "no-command"],
)
def test_unknown_commands_and_options_are_refused(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anything the parser does not know exits 2 with a usage line, doing nothing."""
    monkeypatch.setattr(sys, "stdin", NoStdin())
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_run_without_a_token_and_no_terminal_exits_78_with_one_line(tmp_path: Path) -> None:
    """Under a supervisor (stdin not a terminal) a missing token is one line and exit 78."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "BOT_DATA_DIR": str(tmp_path)},
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT,
    )
    assert result.returncode == EXIT_CONFIG
    assert result.stderr.count("\n") == 1
    assert "TELEGRAM_BOT_TOKEN" in result.stderr


def test_run_without_a_token_at_a_terminal_starts_the_console_chat(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A person at a terminal without a token is told the console chat starts, and it does."""
    monkeypatch.setattr(sys, "stdin", Terminal(""))
    assert main(["run"]) == 0
    assert "starting the console chat" in capsys.readouterr().err


def test_an_invalid_log_level_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """BOT_LOG_LEVEL outside the fixed set exits 78 with one line naming it, not its value."""
    monkeypatch.setenv("BOT_LOG_LEVEL", SECRET_LEVEL)
    assert main(["run"]) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "BOT_LOG_LEVEL" in err and "INFO" in err
    assert SECRET_LEVEL not in err


@pytest.mark.parametrize(
    ("settings", "unset"),
    [
        ({}, "BOT_WEBHOOK_SECRET and BOT_WEBHOOK_URL"),
        ({"BOT_WEBHOOK_SECRET": "s" * 40}, "BOT_WEBHOOK_URL"),
        ({"BOT_WEBHOOK_URL": "https://bot.example"}, "BOT_WEBHOOK_SECRET"),
    ],
    ids=["neither", "no-url", "no-secret"],
)
def test_webhook_mode_without_its_settings_is_one_line_and_exit_78(
    settings: dict[str, str],
    unset: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """run --webhook without its secret or public URL says which, before reaching Telegram."""

    async def start(*args: object, **kwargs: object) -> int:
        raise AssertionError("the bot started")

    monkeypatch.setattr(runner, "run", start)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", FAKE_TOKEN)
    for name in ("BOT_WEBHOOK_SECRET", "BOT_WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    assert main(["run", "--webhook"]) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert err == f"error: invalid settings: webhook mode needs {unset}\n"


def test_a_log_level_in_lower_case_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    """'debug' is the DEBUG level, as the logging module would read it."""
    from bot.config import load_settings

    monkeypatch.setenv("BOT_LOG_LEVEL", "debug")
    assert load_settings().bot_log_level == "DEBUG"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _start_without_network(tmp_path: Path, stderr: IO[bytes]) -> subprocess.Popen[bytes]:
    """`python -m bot run` with a token and a Bot API URL on a port nobody listens on."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "BOT_DATA_DIR": str(tmp_path / "data"),
        "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{_closed_port()}/bot",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


def _wait_for_retries(proc: subprocess.Popen[bytes], stderr_path: Path, tries: int) -> None:
    """Until the log has ``tries`` telegram_unreachable lines (a hang guard, not a bound)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while stderr_path.read_text().count("telegram_unreachable") < tries:
        assert proc.poll() is None, stderr_path.read_text()
        assert time.monotonic() < deadline, stderr_path.read_text()
        time.sleep(0.1)


def test_no_network_at_start_up_is_one_line_and_a_retry(tmp_path: Path) -> None:
    """With Telegram unreachable the bot logs telegram_unreachable and tries again, with no
    traceback, until it is stopped."""
    stderr_path = tmp_path / "stderr"
    with stderr_path.open("wb") as err:
        proc = _start_without_network(tmp_path, err)
    try:
        _wait_for_retries(proc, stderr_path, 2)
    finally:
        proc.terminate()
        proc.wait(STARTUP_TIMEOUT)
    log = stderr_path.read_text()
    assert "Traceback" not in log
    assert FAKE_TOKEN.split(":")[1] not in log


def test_ctrl_c_while_telegram_is_unreachable_is_one_line_and_exit_130(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) during the start-up retries ends with one log line and exit 130, no
    traceback."""
    stderr_path = tmp_path / "stderr"
    with stderr_path.open("wb") as err:
        proc = _start_without_network(tmp_path, err)
    try:
        _wait_for_retries(proc, stderr_path, 1)
        proc.send_signal(signal.SIGINT)
        code = proc.wait(STARTUP_TIMEOUT)
    finally:
        proc.kill()
    log = stderr_path.read_text()
    assert code == EXIT_INTERRUPTED, log
    assert "interrupted_during_start_up" in log
    assert "Traceback" not in log
