"""Which eval files are held out: they judge the screens and the matcher and are never
trained or tuned on, so every trainer and cross-validation asks here."""

from collections.abc import Sequence
from pathlib import Path

#: The word in a file's name that marks it as held out.
HELD_OUT_MARK = "heldout"


def is_held_out(path: str | Path) -> bool:
    """Whether the file at ``path`` is a held-out eval set (judged by its name alone)."""
    return HELD_OUT_MARK in Path(path).name


def refuse_held_out(paths: Sequence[str | Path]) -> None:
    """Stop with a message when any path is a held-out file."""
    for path in paths:
        if is_held_out(path):
            raise SystemExit(f"{Path(path).name}: held-out files are never trained on")
