"""``python -m bot content check``: validate all content, as start-up does, and report."""

from __future__ import annotations

import time
from typing import TextIO

from bot.catalog.catalog import Catalog
from bot.catalog.files import ContentError


def run(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run a content sub-command; exit 0 when the content is valid."""
    if argv[:1] != ["check"]:
        print("usage: python -m bot content check", file=stderr)
        return 2
    started = time.perf_counter()
    try:
        catalog = Catalog.load()
        problems = catalog.problems()
    except ContentError as exc:
        problems = str(exc).splitlines()
    for problem in problems:
        print(f"error: {problem}", file=stderr)
    if problems:
        print(f"content check failed: {len(problems)} problem(s)", file=stderr)
        return 1
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"content ok: version {catalog.version}, locales {', '.join(catalog.locales)}, "
        f"{len(catalog.flow_spec.steps)} questions, "
        f"{sum(len(t) for t in catalog.faq.values())} FAQ answers ({elapsed:.0f} ms)",
        file=stdout,
    )
    return 0
