"""The layout's import rules, as README "Layout" and the package docstrings state them."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.e2e import REPO

BOT = REPO / "bot"
# Libraries that do I/O or belong to one adapter or engine: never in the pure core.
NOT_PURE = {"telegram", "tinydb", "jinja2", "aiohttp", "httpx", "psycopg", "psycopg_pool"}


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (absolute names)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def importers(package: str, prefixes: tuple[str, ...]) -> list[str]:
    """Files under ``bot/<package>`` importing a module that starts with one of ``prefixes``."""
    root = BOT / package if package else BOT
    return sorted(
        path.relative_to(REPO).as_posix()
        for path in root.rglob("*.py")
        if any(name == p or name.startswith(p + ".") for name in imported(path) for p in prefixes)
    )


def test_only_the_telegram_adapter_and_the_wiring_import_telegram() -> None:
    """telegram is imported by bot/tg/, bot/app.py and bot/runner.py and by nothing else."""
    found = importers("", ("telegram",))
    assert [f for f in found if not f.startswith("bot/tg/")] == ["bot/app.py", "bot/runner.py"]


def test_the_domain_imports_only_itself_and_pure_libraries() -> None:
    """bot/domain/ imports no other part of the bot and no adapter, engine or I/O library."""
    others = ("bot.catalog", "bot.services", "bot.storage", "bot.tg", "bot.reminders")
    assert importers("domain", (*others, "bot.app", "bot.config", "bot.clock")) == []
    assert importers("domain", tuple(NOT_PURE)) == []


def test_the_catalog_imports_no_service_or_adapter() -> None:
    """Content loading and its checks never depend on the code that serves the content."""
    assert importers("catalog", ("bot.services", "bot.tg", "bot.reminders", "bot.app")) == []
