"""Diagnostic only: ``python -m bot run`` with PTB's ``AIORateLimiter`` switched off.

The production bot sends every chat request (replies and edits included) through
``AIORateLimiter``, whose overall limit is 30 requests per second. This entry point builds
the same application with ``rate_limit=False`` so ``benchmarks/e2e_bench.py`` can show how
much of the throughput gap to a bare echo bot is the limiter and how much is the pipeline.
Never deploy it: without the limiter a busy bot runs into Telegram's flood limits.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bot.runner
from bot.app import build_application


def _without_limiter(*args: Any, **kwargs: Any) -> Any:
    kwargs["rate_limit"] = False
    return build_application(*args, **kwargs)


if __name__ == "__main__":
    bot.runner.build_application = _without_limiter  # type: ignore[attr-defined]
    sys.exit(bot.runner.main([]))
