"""Where content lives and how YAML files are read (with file names in errors)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


class ContentError(Exception):
    """Content failed validation; the message names the file and the location."""


# libyaml's C parser is ~10x faster than the pure-Python one; start-up parses all content.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, raising ContentError with the file name on failure.

    Parsed files are cached by path and modification time, because several loaders read
    the same FAQ files; callers must not mutate what they get back.
    """
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ContentError(f"{path}: missing") from None
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    data = _parse(path)
    _cache[path] = (stamp, data)
    return data


_cache: dict[Path, tuple[int, Any]] = {}


def forget_parsed() -> None:
    """Let go of every parsed file kept for later readers (about 3.8 MB for all content):
    for a process that has built everything it reads from them."""
    _cache.clear()


def parsed_count() -> int:
    """How many parsed files are kept."""
    return len(_cache)


def _parse(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise ContentError(f"{path}: missing") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: invalid YAML: {exc}") from None
