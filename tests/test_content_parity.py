"""Locale parity: a locale that falls behind the default fails the content check."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.catalog.files import CONTENT_DIR
from bot.commands import content_cmd


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def check(content_dir: Path) -> tuple[int, str]:
    err = io.StringIO()
    code = content_cmd.run(["check"], io.StringIO(), err, content_dir=content_dir)
    return code, err.getvalue()


def edit_spanish_strings(content_dir: Path, change: Callable[[Any], object]) -> None:
    path = content_dir / "locales" / "es" / "strings.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_unchanged_copy_passes(content_copy: Path) -> None:
    """The copied content passes, so the failures below come from the edits."""
    assert check(content_copy)[0] == 0


def test_removing_one_spanish_key_fails_the_check(content_copy: Path) -> None:
    """Deleting btn.skip from Spanish makes `content check` exit 1 naming locale and key."""
    edit_spanish_strings(content_copy, lambda data: data["btn"].pop("skip"))
    code, err = check(content_copy)
    assert code == 1
    assert "locales/es: missing string btn.skip" in err


def test_a_renamed_spanish_placeholder_fails_the_check(content_copy: Path) -> None:
    """A Spanish text whose variable differs from the English one is reported."""

    def rename(data: dict[str, dict[str, str]]) -> None:
        data["stage"]["pregnant"] = data["stage"]["pregnant"].replace("weeks", "semanas")

    edit_spanish_strings(content_copy, rename)
    code, err = check(content_copy)
    assert code == 1
    assert "locales/es: stage.pregnant: placeholders" in err
