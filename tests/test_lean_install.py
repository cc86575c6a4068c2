"""Lean installs: the bot starts without its heavy or optional packages, and a feature whose
extra is missing says which extra to install instead of a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.catalog.readability import formula_for
from bot.config import EXIT_CONFIG, Settings
from bot.extras import MissingExtraError, need
from bot.storage.factory import open_storage
from tests.e2e import REPO

# Loaded only by the features that use them: a shared location, a chart or PDF, the editors'
# readability report, the PostgreSQL engine, the webhook or metrics server (aiohttp); numpy
# also by the crisis screen's encoder, which loads in a background thread once the catalog is
# built, never at import. The date parser (and its regex engine) only when a typed date is
# first read; httpx's command-line client (click, pygments) never.
LAZY = (
    "dateparser",
    "regex",
    "click",
    "pygments",
    "timezonefinder",
    "numpy",
    "matplotlib",
    "fpdf",
    "textstat",
    "psycopg",
    "psycopg_pool",
    "aiohttp",
)


def block(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``modules`` unimportable, and forget our modules that imported them."""
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)
    for name in ("bot.storage.postgres", "bot.storage.migrations", "bot.commands.migrate_cmd"):
        monkeypatch.delitem(sys.modules, name, raising=False)


def test_starting_the_bot_imports_no_heavy_or_optional_package() -> None:
    """Importing the runner and the application loads none of the lazily imported packages."""
    code = "import sys, bot.runner, bot.app; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    assert [name for name in LAZY if name in loaded] == []


async def test_database_url_without_the_postgres_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """BOT_DATABASE_URL with psycopg missing raises MissingExtraError naming 'postgres'."""
    block(monkeypatch, "psycopg", "psycopg_pool")
    settings = Settings(bot_database_url="postgresql://bot@db/bot", _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(MissingExtraError, match=r"'postgres' extra"):
        await open_storage(settings)


def test_migrate_without_the_postgres_extra_is_one_line_and_exit_78(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`migrate` with psycopg missing prints one line naming the extra and its lock."""
    block(monkeypatch, "psycopg", "psycopg_pool")
    assert main(["migrate", "--from-tinydb", str(tmp_path)]) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "mucus-checkin-bot[postgres]" in err and "requirements-postgres.lock" in err


def test_readability_without_the_content_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`content readability` with textstat missing prints one line naming 'content'."""
    block(monkeypatch, "textstat", "textstat.textstat")
    formula_for.cache_clear()
    try:
        assert main(["content", "readability"]) == EXIT_CONFIG
    finally:
        formula_for.cache_clear()
    assert "mucus-checkin-bot[content]" in capsys.readouterr().err


def test_a_missing_module_outside_the_extra_is_not_relabelled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the extra's own modules become MissingExtraError; any other stays an import bug."""
    monkeypatch.setitem(sys.modules, "tinydb_nowhere", None)
    with pytest.raises(ModuleNotFoundError) as error, need("postgres", "test"):
        import tinydb_nowhere  # type: ignore[import-not-found]  # noqa: F401
    assert not isinstance(error.value, MissingExtraError)
