"""The settings table in README.md is the one generated from bot/config.py."""

from __future__ import annotations

import re

import pytest

from bot.__main__ import main
from bot.config import Settings, settings_table
from tests.e2e import REPO

SECTION = re.compile(r"<!-- settings:begin -->\n(.*?)<!-- settings:end -->", re.DOTALL)


def test_every_setting_has_a_meaning() -> None:
    """Each field of Settings carries a description for the table."""
    assert [name for name, f in Settings.model_fields.items() if not f.description] == []


def test_readme_settings_table_matches_the_code() -> None:
    """README's table is exactly `python -m bot settings`; regenerate it when this fails."""
    found = SECTION.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert found is not None, "README.md lost its settings markers"
    assert found.group(1) == settings_table()


def test_settings_command_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m bot settings` prints the generated table, one row per setting."""
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert out == settings_table()
    assert out.count("\n") == len(Settings.model_fields) + 2
