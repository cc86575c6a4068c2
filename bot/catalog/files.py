"""Where content lives and how YAML files are read (with file names in errors)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


class ContentError(Exception):
    """Content failed validation; the message names the file and the location."""


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, raising ContentError with the file name on failure."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise ContentError(f"{path}: missing") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: invalid YAML: {exc}") from None
